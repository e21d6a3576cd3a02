"""A section step costs the same number of queries with 10 or 40 items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafts import document
from drafts.models import Report
from drafts.persistence import apply_tree


@pytest.fixture
def c(client, official):
    client.force_login(official.user)
    return client


def tree_with(n_items):
    items = [document.Item(lead=f"要点{i}", body=f"正文{i}。" * 5) for i in range(n_items)]
    return document.Report(
        title="题",
        sections=[document.Section(heading="一节", items=items), document.Section(heading="二节")],
    )


def queries_for_step(c, report):
    step = f"s{report.sections.order_by('order').first().pk}"
    Report.objects.filter(pk=report.pk).update(current_step=step)
    with CaptureQueriesContext(connection) as ctx:
        r = c.get(f"/reports/{report.pk}/step/{step}/")
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_it_renders_40_items_with_as_many_queries_as_10(
    c, make_report, report_type, official, year
):
    report = make_report(tree=tree_with(10))
    ten = queries_for_step(c, report)
    apply_tree(report, tree_with(40))
    forty = queries_for_step(c, report)
    assert forty == ten
    assert ten <= 12


@pytest.mark.parametrize("step", ["start", "end", "preview"])
def test_it_renders_the_other_steps_with_as_many_queries_for_40_items_as_for_10(
    c, make_report, step
):
    report = make_report(tree=tree_with(10))
    Report.objects.filter(pk=report.pk).update(current_step=step)
    counts = []
    for n in (10, 40):
        apply_tree(report, tree_with(n))
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/reports/{report.pk}/step/{step}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 20  # the slots of the checks and review areas add a few
