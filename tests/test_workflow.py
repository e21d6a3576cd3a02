"""The transition table (pure: no database)."""

import pytest

from drafts import workflow as wf


def test_it_lists_exactly_the_designed_transitions():
    assert {(r.action, r.source, r.target) for r in wf.TABLE} == {
        ("submit", "draft", "submitted"),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
        ("return", "submitted", "returned"),
        ("withdraw", "submitted", "draft"),
        ("reopen", "approved", "returned"),
    }


@pytest.mark.parametrize(
    "action,status,target",
    [
        ("submit", "draft", "submitted"),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
        ("return", "submitted", "returned"),
        ("withdraw", "submitted", "draft"),
        ("reopen", "approved", "returned"),
    ],
)
def test_it_gives_the_target_of_each_allowed_transition(action, status, target):
    assert wf.rule_for(action, status).target == target


def test_it_refuses_every_pair_not_in_the_table():
    allowed = {(r.action, r.source) for r in wf.TABLE}
    for action in wf.ACTIONS:
        for status in wf.STATUSES:
            if (action, status) in allowed:
                continue
            with pytest.raises(wf.InvalidTransition):
                wf.rule_for(action, status)
            assert not wf.can_apply(action, status)


def test_it_requires_a_reason_only_to_return_and_reopen():
    assert {r.action for r in wf.TABLE if r.reason_required} == {"return", "reopen"}


def test_it_requires_an_unopened_submission_only_to_withdraw():
    assert {r.action for r in wf.TABLE if r.requires_unopened} == {"withdraw"}


def test_it_names_a_permission_for_every_rule():
    perms = {r.action: r.permission for r in wf.TABLE}
    assert perms == {
        "submit": "drafts.submit_report",
        "approve": "drafts.review_report",
        "return": "drafts.review_report",
        "withdraw": "drafts.withdraw_report",
        "reopen": "drafts.reopen_report",
    }


def test_it_lists_the_actions_from_each_status():
    assert wf.actions_from("draft") == ["submit"]
    assert sorted(wf.actions_from("submitted")) == ["approve", "return", "withdraw"]
    assert wf.actions_from("returned") == ["submit"]
    assert wf.actions_from("approved") == ["reopen"]


def test_it_makes_only_draft_and_returned_editable():
    assert [s for s in wf.STATUSES if wf.is_editable(s)] == ["draft", "returned"]


def test_it_knows_the_statuses_an_action_starts_from():
    assert sorted(wf.sources_of("submit")) == ["draft", "returned"]
    assert wf.sources_of("reopen") == ["approved"]


def test_its_statuses_match_the_model():
    from drafts.models import Report

    assert set(wf.STATUSES) == set(Report.Status.values)


def test_it_needs_one_permission_per_action_whatever_the_status():
    assert wf.permission_for("submit") == "drafts.submit_report"
    assert wf.permission_for("return") == "drafts.review_report"
    with pytest.raises(KeyError):
        wf.permission_for("delete")
