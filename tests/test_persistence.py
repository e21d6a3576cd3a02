from drafts import document
from drafts.persistence import apply_tree, load_tree


def test_it_round_trips_a_tree_through_the_models(report, sample_tree):
    assert load_tree(report.pk) == sample_tree


def test_it_round_trips_a_tree_without_signature(report):
    tree = document.Report(title="标题", sections=[document.Section(heading="一节", item_style="none")])
    apply_tree(report, tree)
    assert load_tree(report.pk) == tree


def test_it_bumps_the_version_when_content_is_replaced(report, sample_tree):
    before = report.version
    apply_tree(report, sample_tree)
    assert report.version == before + 1
