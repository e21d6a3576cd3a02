"""Property: every check's fix, applied to any text, changes only the span its finding names
(``offset`` .. ``offset + length``); the rest of the field stays as it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafts import document
from drafts.checks import CheckContext, run_checks

ALPHABET = st.sampled_from(
    list("的了和常天人学习工作年度一是（）“”《》，。；：、！？ 　\n,;:()?!*XX某12")
    + ["\u200b", "\ufeff", "\u00ad", "2022年", "2026年", "1.", "一、"]
)
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


def _assert_confined(text: str, finding) -> None:
    start, end = finding.offset, finding.offset + finding.length
    fixed = finding.fix
    assert 0 <= start <= end <= len(text), finding
    assert fixed[:start] == text[:start], finding
    tail = len(text) - end
    assert fixed[len(fixed) - tail :] == text[end:] if tail else True, finding
    assert len(fixed) - tail >= start, finding


@settings(max_examples=300, deadline=None)
@given(title=TEXT, opening=TEXT, heading=TEXT, lead=TEXT, body=TEXT, closing=TEXT)
def test_it_changes_only_the_span_each_fix_names(title, opening, heading, lead, body, closing):
    tree = document.Report(
        title=title,
        opening=opening,
        sections=[
            document.Section(heading=heading, items=[document.Item(lead=lead, body=body)]),
        ],
        closing=closing,
    )
    fields = dict(tree.text_fields())
    for finding in run_checks(tree, context=CheckContext(year=2026)):
        if finding.fix is not None:
            _assert_confined(fields[finding.where], finding)
