"""In the wizard, a returned report's comments stay beside their section after it moved."""

import pytest
from django.urls import reverse

from drafts import document
from drafts.persistence import apply_tree
from drafts.review import transitions as reviewing

from .review_support import submitted  # noqa: F401


@pytest.fixture
def returned(report, official, make_reviewer, unit, sample_tree):
    """Returned with a comment on section 2 (扎实履职尽责); then a section is put first."""
    submitted(report, official.user)
    reviewer = make_reviewer(unit)
    reviewing.add_comment(report.submissions.get(), reviewer, "第二部分太简略", 1)
    reviewing.return_report(report, reviewer, "请补充")
    report.refresh_from_db()
    tree = document.Report.from_dict(sample_tree.to_dict())
    tree.sections.insert(
        0, document.Section(heading="严格落实廉洁自律", kind="integrity", item_style="arabic")
    )
    apply_tree(report, tree)
    return report


def step_body(client, report, official, position):
    section = list(report.sections.order_by("order", "pk"))[position]
    client.force_login(official.user)
    response = client.get(
        reverse("wizard_step", kwargs={"report_id": report.pk, "step": f"s{section.pk}"})
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_comment_beside_its_section_at_the_new_position(client, returned, official):
    assert "第二部分太简略" in step_body(client, returned, official, 2)


def test_it_does_not_show_the_comment_at_its_old_position(client, returned, official):
    assert "第二部分太简略" not in step_body(client, returned, official, 1)


def test_it_does_not_show_the_comment_beside_the_inserted_section(client, returned, official):
    assert "第二部分太简略" not in step_body(client, returned, official, 0)
