"""Properties of the importer: it loses nothing, and text written from a tree reads back.

Round trip generator constraints (trees whose text form is unambiguous):
- text is drawn from Chinese characters that are neither numerals (一二三…十, 是) nor the
  first characters of closing cues, so no paragraph starts like a marker or a closing;
- every paragraph ends with 。; headings and leads contain no 。 and are non-empty;
- a title is short without punctuation; byline and subtitle only with a title;
- the opening is not empty; the last section has content; the closing (if any) starts with
  a closing cue such as 一年来;
- item_style is not "none" (unnumbered items cannot be told from body paragraphs);
  run-in (inline) sections are numbered 一是 or （一） (run-in ``1.`` is not split, as it
  cannot be told from decimals reliably), have single-paragraph intros and bodies, and
  have an intro or at least two items (a lone item on its own line is not "run-in");
- ``kind`` is compared as guessed from the heading, and ``item_style`` only where a section
  has items (a section without items takes the document's usual style).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafts import document
from drafts.importing import parse_text, tree_to_text
from drafts.importing.text import guess_kind

SAFE = "在和有为工作作风建设党员干部群众发展项目学习制度责任落实推进加强提高服务安全农业企业村镇建"
FILLER = SAFE + "的，、“”《》ABCxyz%0123456789"
MARKERS = [
    "一、",
    "二、",
    "三、",
    "十二、",
    "1.",
    "2．",
    "3、",
    "（一）",
    "(二)",
    "一是",
    "二是",
    "三是",
    "三是",
]
CLOSING_CUES = ["一年来", "今后", "总之", "新的一年"]


def _words(alphabet=SAFE, min_size=1, max_size=8):
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


sentence = st.builds(lambda w: w + "。", _words())
paragraph = st.lists(sentence, min_size=1, max_size=3).map("".join)
paragraphs = st.lists(paragraph, min_size=1, max_size=3).map("\n".join)
one_paragraph_or_empty = st.one_of(st.just(""), paragraph)


@st.composite
def items(draw, inline):
    body = one_paragraph_or_empty if inline else st.one_of(st.just(""), paragraphs)
    return [
        document.Item(lead=draw(_words()), body=draw(body)) for _ in range(draw(st.integers(0, 4)))
    ]


@st.composite
def sections(draw, last=False):
    inline = draw(st.booleans())
    its = draw(items(inline))
    intro_strategy = one_paragraph_or_empty if inline else st.one_of(st.just(""), paragraphs)
    intro = draw(intro_strategy)
    if last and not its and not intro:
        intro = draw(paragraph)
    heading = draw(_words(max_size=12))
    style = draw(
        st.sampled_from(["paren", "ordinal"] if inline else ["arabic", "paren", "ordinal"])
    )
    inline = inline and (len(its) > 1 or (its and intro))
    return document.Section(
        heading=heading,
        kind=guess_kind(heading),
        item_style=style,
        inline_items=bool(inline),
        intro=intro,
        items=its,
    )


@st.composite
def trees(draw):
    n = draw(st.integers(1, 4))
    secs = [draw(sections(last=(k == n - 1))) for k in range(n)]
    title = draw(st.one_of(st.just(""), _words(max_size=20)))
    closing = ""
    if draw(st.booleans()):
        closing = draw(st.sampled_from(CLOSING_CUES)) + "，" + draw(paragraph)
        if draw(st.booleans()):
            closing += "\n" + draw(paragraph)
    signature = None
    if draw(st.booleans()):
        signature = document.Signature(
            name=draw(_words(min_size=2, max_size=4)),
            date=draw(st.dates(min_value=__import__("datetime").date(2000, 1, 1))).isoformat(),
        )
    return document.Report(
        title=title,
        subtitle=draw(st.sampled_from(["", "（德能勤绩廉）"])) if title else "",
        byline=draw(st.one_of(st.just(""), _words(min_size=2, max_size=12))) if title else "",
        opening=draw(paragraphs),
        sections=secs,
        closing=closing,
        signature=signature,
    )


def _normalise(tree: document.Report) -> dict:
    data = tree.to_dict()
    for section in data["sections"]:
        if not section["items"]:
            section["item_style"] = ""
            section["inline_items"] = False
    return data


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(trees())
def test_it_reads_back_the_text_written_from_a_tree(tree):
    assert _normalise(parse_text(tree_to_text(tree))) == _normalise(tree)


# -- loses nothing ----------------------------------------------------------------------

piece = st.one_of(
    st.sampled_from(MARKERS).map(lambda m: ("marker", m)),
    # text never ends in a digit: "0" + "1." would be the marker "01.", not text and a marker
    st.text(alphabet=FILLER + "。", min_size=1, max_size=20)
    .filter(lambda t: not t[-1].isdigit())
    .map(lambda t: ("text", t)),
    st.sampled_from(["\n", "\n\n", "\u3000\u3000", "\t", " "]).map(lambda t: ("space", t)),
    st.sampled_from(["##paidbegin##", "##paidend##"]).map(lambda t: ("debris", t)),
)

_DROP = re.compile(r"[\s。]")


def _tree_chars(tree: document.Report) -> str:
    return _DROP.sub("", "".join(text for _where, text in tree.text_fields()))


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=400, deadline=None)
@given(st.lists(piece, min_size=1, max_size=40))
def test_it_loses_no_character_and_invents_none(pieces):
    source = "".join(t for _kind, t in pieces)
    kept = _DROP.sub("", "".join(t for kind, t in pieces if kind == "text"))
    everything = _DROP.sub("", "".join(t for kind, t in pieces if kind != "debris"))
    got = _tree_chars(parse_text(source))
    assert _is_subsequence(kept, got), (source, got)  # nothing lost
    assert _is_subsequence(got, everything), (source, got)  # nothing invented, order kept
