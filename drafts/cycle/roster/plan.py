"""What a roster would do to the database, row by row, before anything is written.

Each row is *create* (a new login), *update* (a known login whose name, unit, post, e-mail
or review scope differs), *unchanged*, or *bad* with its reasons. The login name is the
row's identity: re-importing the same file changes nothing. Missing units are created
under their parent; the top of a path must be an existing top unit (unless there are no
units at all yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ...access import ancestor_ids, unit_parents
from ...document import NAME_MAX
from ...models import Official, ReviewerScope, Unit
from . import reader
from .reader import EMAIL, LOGIN, NAME, POST, ROLE, SCOPE, UNIT

OFFICIAL, REVIEWER = "official", "reviewer"
ROLES = {"": OFFICIAL, "述职人": OFFICIAL, "审核人": REVIEWER}
CREATE, UPDATE, UNCHANGED, BAD = "create", "update", "unchanged", "bad"
UNIT_NAME_MAX = 100
POST_MAX = 100
LOGIN_MAX = 150
PATH_SEP = "/"
SCOPE_SEP = re.compile(r"[；;]")


@dataclass
class PlannedRow:
    number: int
    values: dict[str, str]
    action: str = UNCHANGED
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # what an update changes (labels)
    role: str = OFFICIAL
    unit_path: tuple[str, ...] = ()
    scope_paths: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Plan:
    rows: list[PlannedRow]
    new_units: list[tuple[str, ...]]  # paths to create, parents first
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def bad(self):
        return [r for r in self.rows if r.errors]

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action)

    @property
    def ok(self):
        return not self.bad


class UnitIndex:
    """Units by their path of names from the top (one query)."""

    def __init__(self):
        self.parents = unit_parents()
        names = dict(Unit.objects.values_list("pk", "name"))
        self.by_path: dict[tuple[str, ...], int] = {}
        for pk in names:
            chain = ancestor_ids(pk, self.parents)
            if self.parents.get(chain[-1]) is not None:
                continue  # a cycle in the data: no path from the top
            path = tuple(names[i] for i in reversed(chain))
            self.by_path.setdefault(path, pk)
        self.tops = {p[0] for p in self.by_path if len(p) == 1}

    def path_of(self, unit_id) -> tuple[str, ...] | None:
        for path, pk in self.by_path.items():
            if pk == unit_id:
                return path
        return None


def split_path(raw: str) -> tuple[tuple[str, ...], str | None]:
    parts = tuple(p.strip() for p in raw.replace("／", PATH_SEP).split(PATH_SEP))
    if not raw.strip():
        return (), _("the unit is empty")
    if any(not p for p in parts):
        return (), _("the unit path “%(path)s” has an empty level") % {"path": raw}
    if len(set(parts)) != len(parts):
        return (), _("the unit path “%(path)s” names a unit twice (a loop)") % {"path": raw}
    if any(len(p) > UNIT_NAME_MAX for p in parts):
        return (), _("a unit name is longer than %(max)s characters") % {"max": UNIT_NAME_MAX}
    if len(parts) > 10:
        return (), _("the unit path “%(path)s” is more than 10 levels deep") % {"path": raw}
    return parts, None


def make_plan(table: reader.Table) -> Plan:
    User = get_user_model()
    index = UnitIndex()
    logins = [r.values[LOGIN] for r in table.rows if r.values[LOGIN]]
    users = {u.username: u for u in User.objects.filter(username__in=logins)}
    officials = {o.user_id: o for o in Official.objects.filter(user__in=users.values())}
    scopes: dict[int, set[int]] = {}
    for user_id, unit_id in ReviewerScope.objects.filter(user__in=users.values()).values_list(
        "user_id", "unit_id"
    ):
        scopes.setdefault(user_id, set()).add(unit_id)
    seen_logins: dict[str, int] = {}
    new_units: dict[tuple[str, ...], None] = {}
    rows = []
    validate_login = UnicodeUsernameValidator()
    for raw in table.rows:
        v = raw.values
        row = PlannedRow(raw.number, v, errors=list(raw.problems))
        # -- every cell on its own
        if not v[NAME]:
            row.errors.append(_("the name is empty"))
        elif len(v[NAME]) > NAME_MAX:
            row.errors.append(_("the name is longer than %(max)s characters") % {"max": NAME_MAX})
        if len(v[POST]) > POST_MAX:
            row.errors.append(_("the post is longer than %(max)s characters") % {"max": POST_MAX})
        login = v[LOGIN]
        if not login:
            row.errors.append(_("the login name is empty"))
        elif len(login) > LOGIN_MAX:
            row.errors.append(_("the login name is too long"))
        else:
            try:
                validate_login(login)
            except ValidationError:
                row.errors.append(
                    _("the login name “%(login)s” may hold only letters, digits and @ . + - _")
                    % {"login": login}
                )
            if login in seen_logins:
                row.errors.append(
                    _("the login name “%(login)s” is already used in row %(row)s")
                    % {"login": login, "row": seen_logins[login]}
                )
            else:
                seen_logins[login] = raw.number
        if v[EMAIL]:
            try:
                validate_email(v[EMAIL])
            except ValidationError:
                row.errors.append(_("the e-mail address “%(email)s” is not valid") % {"email": v[EMAIL]})
        if v[ROLE] not in ROLES:
            row.errors.append(_("the role must be 述职人 or 审核人, not “%(role)s”") % {"role": v[ROLE]})
        row.role = ROLES.get(v[ROLE], OFFICIAL)
        # -- units
        path, problem = split_path(v[UNIT])
        if problem:
            row.errors.append(problem)
        elif path not in index.by_path:
            if index.tops and path[0] not in index.tops:
                row.errors.append(
                    _("the top unit “%(top)s” does not exist; a path starts at an existing top unit")
                    % {"top": path[0]}
                )
            else:
                for i in range(1, len(path) + 1):
                    if path[:i] not in index.by_path:
                        new_units.setdefault(path[:i])
        row.unit_path = path
        if v[SCOPE] and row.role != REVIEWER:
            row.errors.append(_("a review scope is only for the role 审核人"))
        if row.role == REVIEWER:
            raw_scopes = [s for s in SCOPE_SEP.split(v[SCOPE]) if s.strip()]
            if not raw_scopes:
                row.errors.append(_("a reviewer needs a review scope (unit paths separated by ；)"))
            for s in raw_scopes:
                sp, problem = split_path(s)
                if problem:
                    row.errors.append(problem)
                elif sp not in index.by_path and sp not in new_units:
                    row.errors.append(_("the review scope “%(path)s” names no unit") % {"path": s.strip()})
                else:
                    row.scope_paths.append(sp)
        rows.append(row)
    # Scopes may name units created by later rows: check again now that all are known.
    for row in rows:
        for sp in row.scope_paths:
            if sp not in index.by_path and sp not in new_units:
                row.errors.append(_("the review scope “%(path)s” names no unit") % {"path": "/".join(sp)})
    for row in rows:
        if row.errors:
            row.action = BAD
            continue
        user = users.get(row.values[LOGIN])
        if user is None:
            row.action = CREATE
            continue
        row.changes = _changes(row, user, officials.get(user.pk), scopes.get(user.pk, set()), index)
        row.action = UPDATE if row.changes else UNCHANGED
    return Plan(rows, [p for p in new_units if p not in index.by_path], table.ignored_columns)


def _changes(row, user, official, scope_ids, index) -> list[str]:
    v = row.values
    out = []
    if user.first_name != v[NAME][:150]:
        out.append(_("name"))
    if v[EMAIL] and user.email != v[EMAIL]:
        out.append(_("e-mail"))
    unit_id = index.by_path.get(row.unit_path)
    if row.role == OFFICIAL or official is not None:
        if official is None:
            out.append(_("official record"))
        else:
            if official.name != v[NAME] and _("name") not in out:
                out.append(_("name"))
            if unit_id is None or official.unit_id != unit_id:
                out.append(_("unit"))
            if official.post != v[POST]:
                out.append(_("post"))
    if row.role == REVIEWER:
        wanted = {index.by_path.get(p) for p in row.scope_paths}
        if None in wanted or wanted != scope_ids:
            out.append(_("review scope"))
    return out
