"""Who may do what with a report: object-level rules (``django-rules``), the reviewer's scope,
and :func:`get_report_or_404`, the one way a view gets a report.

Two facts decide everything:

- *owner*: the report's official is the user's own ``Official`` record;
- *reviewer in scope*: the user has a ``ReviewerScope`` on the report's unit or on a unit above it.

Being staff or superuser grants nothing here: administrators manage the data in the admin,
they do not read or decide reports unless they are also assigned as reviewers. That is why
this module's own helpers call ``rules.has_perm`` (the rule set) instead of
``user.has_perm`` (which lets superusers through everything).

The unit set of a reviewer is computed once per user object (one query for the scopes and
one for the unit tree) and kept on the user, which lives for one request.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Official, Report, ReviewerScope, Unit

_CACHE_ATTR = "_review_unit_ids"
_ALL_ATTR = "_reviews_every_unit"


def unit_parents() -> dict[int, int | None]:
    """``{unit id: parent id}`` for every unit, in one query (the unit tree is small)."""
    return dict(Unit.objects.values_list("pk", "parent_id"))


def expand_units(root_ids, parents: dict[int, int | None]) -> set[int]:
    """The given units and every unit below them."""
    children: dict[int, list[int]] = {}
    for pk, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    seen: set[int] = set()
    stack = [pk for pk in root_ids if pk in parents]
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        stack.extend(children.get(pk, ()))
    return seen


def ancestor_ids(unit_id: int, parents: dict[int, int | None]) -> list[int]:
    """The unit and every unit above it (guarded against a cycle in bad data)."""
    out: list[int] = []
    while unit_id is not None and unit_id not in out:
        out.append(unit_id)
        unit_id = parents.get(unit_id)
    return out


def reviewer_unit_ids(user) -> frozenset[int]:
    """IDs of the units whose reports ``user`` reviews (empty for non-reviewers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roots = list(ReviewerScope.objects.filter(user=user).values_list("unit_id", flat=True))
    parents = unit_parents() if roots else {}
    ids = frozenset(expand_units(roots, parents) if roots else ())
    setattr(user, _CACHE_ATTR, ids)
    setattr(user, _ALL_ATTR, bool(ids) and len(ids) == len(parents))
    return ids


def reviews_every_unit(user) -> bool:
    """Whether ``user``'s scope is every unit there is (a county-level reviewer): then every
    report is in scope and queries need no scope filter."""
    reviewer_unit_ids(user)
    return getattr(user, _ALL_ATTR, False)


def forget_scope(user) -> None:
    """Drop the cached unit set (after scopes change within one request or test)."""
    for attr in (_CACHE_ATTR, _ALL_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def reviewers_of_unit(unit_id: int):
    """Active users who review reports of ``unit_id`` (assigned to it or a unit above)."""
    from django.contrib.auth import get_user_model

    ancestors = ancestor_ids(unit_id, unit_parents())
    return (
        get_user_model()
        .objects.filter(is_active=True, review_scopes__unit_id__in=ancestors)
        .distinct()
        .order_by("pk")
    )


# -- predicates ---------------------------------------------------------------


def _official_of(report):
    return report.official if report is not None else None


@rules.predicate
def is_owner(user, report) -> bool:
    if report is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return _official_of(report).user_id == user.pk


@rules.predicate
def is_reviewer_in_scope(user, report) -> bool:
    if report is None:
        return False
    return _official_of(report).unit_id in reviewer_unit_ids(user)


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(reviewer_unit_ids(user))


@rules.predicate
def is_editable(user, report) -> bool:
    return report is not None and report.is_editable


rules.add_perm("drafts.view_report", is_owner | is_reviewer_in_scope)
rules.add_perm("drafts.edit_report", is_owner & is_editable)
rules.add_perm("drafts.submit_report", is_owner)
rules.add_perm("drafts.withdraw_report", is_owner)
rules.add_perm("drafts.address_comment", is_owner)
# An official never decides on their own report, even when they review their own unit.
rules.add_perm("drafts.review_report", is_reviewer_in_scope & ~is_owner)
rules.add_perm("drafts.reopen_report", is_reviewer_in_scope & ~is_owner)
rules.add_perm("drafts.download_report", is_owner | is_reviewer_in_scope)
rules.add_perm("drafts.use_review", is_reviewer)
# The reviewer's page of a report (comments in progress, decision): reviewers in scope only.
rules.add_perm("drafts.read_review", is_reviewer_in_scope)


def can(user, perm: str, report=None) -> bool:
    """Test a rule without Django's superuser shortcut."""
    return rules.has_perm(perm, user, report)


def official_of(user) -> Official | None:
    """The official record the login belongs to (None for reviewers and administrators)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Official.objects.filter(user=user).select_related("unit").first()


def is_reviewer_user(user) -> bool:
    return can(user, "drafts.use_review")


def get_report_or_404(
    request, pk, permission: str = "drafts.view_report", *, owner_only=False, prefetch=False
):
    """The report ``pk`` if the user may see it and holds ``permission`` on it.

    What the user may see at all is their own reports and those of their scope
    (:meth:`~drafts.models.ReportQuerySet.visible_to`), or only their own with
    ``owner_only`` (the official's pages). A report outside that answers 404, so its
    existence is not revealed; a report the user sees but may not act on this way answers
    403. ``prefetch``: with its sections and entries (``persistence.sections_prefetch``).
    """
    from .persistence import sections_prefetch

    user = request.user
    queryset = Report.objects.owned_by(user) if owner_only else Report.objects.visible_to(user)
    queryset = queryset.select_related("official__unit", "official__user", "year", "report_type")
    if prefetch:
        queryset = queryset.prefetch_related(sections_prefetch())
    report = queryset.filter(pk=pk).first()
    if report is None:
        raise Http404("no such report")
    if not can(user, permission, report):
        raise PermissionDenied(_("You may not do this with this report."))
    return report
