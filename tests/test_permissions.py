"""Object-level rules (drafts.access): owner, reviewer in scope, nobody else."""

from drafts.access import (
    can,
    expand_units,
    forget_scope,
    reviewer_unit_ids,
    reviewers_of_unit,
)
from drafts.models import Report, ReviewerScope, Unit

PERMS = [
    "drafts.view_report",
    "drafts.edit_report",
    "drafts.submit_report",
    "drafts.withdraw_report",
    "drafts.review_report",
    "drafts.reopen_report",
    "drafts.download_report",
    "drafts.address_comment",
]


def granted(user, report):
    return {p for p in PERMS if can(user, p, report)}


def test_it_grants_the_owner_the_officials_permissions(report, official):
    assert granted(official.user, report) == {
        "drafts.view_report",
        "drafts.edit_report",
        "drafts.submit_report",
        "drafts.withdraw_report",
        "drafts.download_report",
        "drafts.address_comment",
    }


def test_it_denies_editing_once_submitted(report, official):
    report.status = "submitted"
    assert not can(official.user, "drafts.edit_report", report)
    report.status = "returned"
    assert can(official.user, "drafts.edit_report", report)


def test_it_grants_a_reviewer_in_scope_reading_and_deciding_but_not_editing(
    report, make_reviewer, unit
):
    assert granted(make_reviewer(unit), report) == {
        "drafts.view_report",
        "drafts.review_report",
        "drafts.reopen_report",
        "drafts.download_report",
    }


def test_it_covers_sub_units(make_report, make_official, make_reviewer, unit):
    grandchild = Unit.objects.create(name="乙", parent=Unit.objects.create(name="甲", parent=unit))
    report = make_report(owner=make_official(name="王五", unit=grandchild))
    assert can(make_reviewer(unit), "drafts.view_report", report)


def test_it_does_not_cover_parent_units(report, make_reviewer, unit):
    child = Unit.objects.create(name="下属", parent=unit)
    assert not can(make_reviewer(child), "drafts.view_report", report)


def test_it_grants_nothing_to_a_reviewer_out_of_scope(report, make_reviewer, other_unit):
    assert granted(make_reviewer(other_unit), report) == set()


def test_it_grants_nothing_to_another_official(report, other_official):
    assert granted(other_official.user, report) == set()


def test_it_grants_nothing_to_a_superuser_without_scope(report, make_user):
    assert granted(make_user(is_staff=True, is_superuser=True), report) == set()


def test_it_grants_nothing_to_anonymous(report):
    from django.contrib.auth.models import AnonymousUser

    assert granted(AnonymousUser(), report) == set()


def test_it_grants_nothing_to_an_inactive_owner(report, official):
    official.user.is_active = False
    assert granted(official.user, report) == set()


def test_it_never_lets_an_official_decide_their_own_report(report, official, unit):
    ReviewerScope.objects.create(user=official.user, unit=unit)
    assert can(official.user, "drafts.view_report", report)
    assert not can(official.user, "drafts.review_report", report)
    assert not can(official.user, "drafts.reopen_report", report)


def test_it_is_registered_with_djangos_permission_system(report, official, other_official):
    assert official.user.has_perm("drafts.view_report", report)
    assert not other_official.user.has_perm("drafts.view_report", report)


def test_it_computes_the_unit_set_once_per_user_object(
    make_reviewer, unit, django_assert_num_queries
):
    user = make_reviewer(unit)
    with django_assert_num_queries(2):
        reviewer_unit_ids(user)
        reviewer_unit_ids(user)
    forget_scope(user)
    with django_assert_num_queries(2):
        reviewer_unit_ids(user)


def test_it_expands_a_tree_and_survives_a_cycle():
    parents = {1: None, 2: 1, 3: 2, 4: None, 5: 6, 6: 5}
    assert expand_units([1], parents) == {1, 2, 3}
    assert expand_units([5], parents) == {5, 6}
    assert expand_units([99], parents) == set()


def test_it_lists_reports_in_scope(report, make_reviewer, unit, other_unit):
    assert list(Report.objects.reviewable_by(make_reviewer(unit))) == [report]
    assert list(Report.objects.reviewable_by(make_reviewer(other_unit))) == []


def test_it_finds_the_reviewers_of_a_unit_including_parents(make_reviewer, unit):
    parent = Unit.objects.create(name="县")
    unit.parent = parent
    unit.save()
    a, b = make_reviewer(unit), make_reviewer(parent)
    make_reviewer(Unit.objects.create(name="别处"))
    assert list(reviewers_of_unit(unit.pk)) == [a, b]


def test_it_says_a_reviewer_of_the_top_unit_reviews_every_unit(make_reviewer, unit):
    from drafts.access import reviews_every_unit

    Unit.objects.create(name="下属中心", parent=unit)
    assert reviews_every_unit(make_reviewer(unit))


def test_it_says_a_reviewer_of_one_of_two_top_units_does_not(make_reviewer, unit, other_unit):
    from drafts.access import reviews_every_unit

    assert not reviews_every_unit(make_reviewer(unit))


def test_it_says_a_user_without_scope_reviews_nothing(make_user, unit):
    from drafts.access import reviews_every_unit

    assert not reviews_every_unit(make_user())
