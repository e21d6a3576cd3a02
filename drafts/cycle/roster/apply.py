"""Writing a roster plan with no bad row: units, logins, officials, review scopes, in one
transaction. New logins get a one-time password; the caller gets them back (to write to
the ``--passwords`` file or show once) — they are never logged."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from ...accounts import passwords
from ...models import Official, ReviewerScope, Unit
from .plan import CREATE, OFFICIAL, REVIEWER, UPDATE, Plan, UnitIndex
from .reader import EMAIL, LOGIN, NAME, POST


class PlanHasBadRows(Exception):
    pass


@dataclass
class Applied:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units_created: int = 0
    passwords: dict[str, str] = field(default_factory=dict)  # login -> one-time password


def apply(plan: Plan, issue_passwords: bool = True, before_commit=None) -> Applied:
    """Write ``plan``. ``before_commit(passwords)`` runs inside the transaction once the new
    logins' passwords are made (an exception from it writes nothing)."""
    if not plan.ok:
        raise PlanHasBadRows
    User = get_user_model()
    result = Applied(unchanged=plan.count("unchanged"))
    with transaction.atomic():
        index = UnitIndex()
        for path in sorted(plan.new_units, key=len):
            if path in index.by_path:
                continue
            parent = index.by_path.get(path[:-1]) if len(path) > 1 else None
            unit = Unit.objects.create(name=path[-1], parent_id=parent)
            index.by_path[path] = unit.pk
            result.units_created += 1
        todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
        logins = [r.values[LOGIN] for r in todo]
        users = {u.username: u for u in User.objects.filter(username__in=logins)}
        new_users = []
        for row in todo:
            if row.action == CREATE and row.values[LOGIN] not in users:
                password = passwords.new_password() if issue_passwords else None
                user = User(
                    username=row.values[LOGIN],
                    first_name=row.values[NAME][:150],
                    email=row.values[EMAIL],
                )
                if password:
                    user.password = passwords.issued_hash(password)
                    result.passwords[user.username] = password
                else:
                    user.set_unusable_password()
                new_users.append(user)
        User.objects.bulk_create(new_users, batch_size=500)
        users.update({u.username: u for u in User.objects.filter(username__in=[u.username for u in new_users])})
        passwords.mark_issued([users[name].pk for name in result.passwords])
        officials = {o.user_id: o for o in Official.objects.filter(user__in=users.values())}
        new_officials, changed_officials, changed_users = [], [], []
        scope_rows = []
        for row in todo:
            user = users[row.values[LOGIN]]
            unit_id = index.by_path[row.unit_path]
            if row.action == UPDATE:
                user.first_name = row.values[NAME][:150]
                if row.values[EMAIL]:
                    user.email = row.values[EMAIL]
                changed_users.append(user)
            official = officials.get(user.pk)
            if official is None and row.role == OFFICIAL:
                new_officials.append(
                    Official(user=user, name=row.values[NAME], unit_id=unit_id, post=row.values[POST])
                )
            elif official is not None:
                official.name, official.unit_id, official.post = row.values[NAME], unit_id, row.values[POST]
                changed_officials.append(official)
            if row.role == REVIEWER:
                wanted = {index.by_path[p] for p in row.scope_paths}
                ReviewerScope.objects.filter(user=user).exclude(unit_id__in=wanted).delete()
                have = set(ReviewerScope.objects.filter(user=user).values_list("unit_id", flat=True))
                scope_rows += [ReviewerScope(user=user, unit_id=u) for u in wanted - have]
            result.created += row.action == CREATE
            result.updated += row.action == UPDATE
        Official.objects.bulk_create(new_officials, batch_size=500)
        Official.objects.bulk_update(changed_officials, ["name", "unit", "post"], batch_size=500)
        User.objects.bulk_update(changed_users, ["first_name", "email"], batch_size=500)
        ReviewerScope.objects.bulk_create(scope_rows, batch_size=500)
        if before_commit is not None:
            before_commit(result.passwords)
    return result
