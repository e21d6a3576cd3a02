"""Title lines (:mod:`drafts.rendering.titles`) and the word cut they rest on
(:mod:`drafts.words`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafts import words as segment
from drafts.rendering.samples import CORPUS_SHAPED_TITLES
from drafts.rendering.titles import break_title, text_width

from .layout_measure import shape_faults, split_words

TITLES = [
    *CORPUS_SHAPED_TITLES,
    "2022年度德能勤绩廉个人工作总结暨述职述德述廉报告",
    "关于2025年度履行全面从严治党主体责任和个人廉洁自律情况的述职述廉报告",
    "中共示例县委常委、县委政法委书记、县公安局党委书记、局长2024年度个人述职述廉报告",
    "临江区教育局党组书记、局长王小明同志2024年度述职报告",
    "示例乡党委书记2024年度抓基层党建工作述职报告",
    "2024年度学职法廉述职报告",
]


@pytest.fixture(scope="module")
def jieba_tokenizer():
    """jieba's own tokenizer with the same fixed terms (the reference the compact table must
    agree with)."""
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for term in segment.FIXED_TERMS:
        tk.add_word(term, segment._FIXED_FREQ)
    return tk


@pytest.mark.parametrize("title", TITLES)
def test_the_cut_is_jiebas_own(title, jieba_tokenizer):
    pieces = segment._NUMBER_UNIT.split(title)
    for piece in pieces:
        assert segment._cut(segment.dictionary(), piece) == list(
            jieba_tokenizer.cut(piece, HMM=False)
        )


def test_the_genres_terms_and_numbers_with_their_unit_are_one_word():
    words = segment.words("县委副书记、乡长2024年度述职述德述廉述法报告（德能勤绩廉）")
    for term in ("副书记", "乡长", "2024年度", "述职述德述廉述法", "德能勤绩廉"):
        assert term in words


def test_the_dictionary_is_read_once_per_process():
    assert segment.dictionary() is segment.dictionary()


def test_loading_it_prints_nothing_and_writes_only_to_the_temporary_directory(tmp_path):
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    code = (
        "import json, time, resource\n"
        "t = time.perf_counter()\n"
        "from drafts import words as segment\n"
        "words = segment.words('中共示例县委副书记2024年度述职述廉报告')\n"
        "print(json.dumps({'ms': (time.perf_counter() - t) * 1000, 'words': words}))\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(Path(__file__).parents[1])}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0 and run.stderr == ""
        assert "副书记" in json.loads(run.stdout)["words"]
    assert list(work.iterdir()) == []
    assert [p.name.startswith("reportsite-words-") for p in tmp.iterdir()] == [True]


@pytest.mark.parametrize("title", TITLES)
def test_a_long_title_breaks_between_words_into_a_trapezoid_or_diamond(title):
    lines = break_title(title, 20)
    assert "".join(lines) == title
    assert all(text_width(line) <= 20 for line in lines)
    if text_width(title) > 20:
        assert len(lines) >= 2
        assert shape_faults([text_width(line) for line in lines]) == []
    protected = [w for w in segment.FIXED_TERMS if w in title] + ["王堃喆", "王小明", "2024年度"]
    assert split_words(lines, protected) == []


def test_the_issues_titles_no_longer_split_words_or_form_rectangles():
    lines = break_title("中共示例市临江区委政法委员会副书记2024年度述职述廉报告", 20)
    assert not any(line.endswith("副") for line in lines)
    lines = break_title("示例市临江区人民政府副区长2024年度述职述廉报告", 20)
    widths = [text_width(line) for line in lines]
    assert len(set(widths)) == len(widths)
    lines = break_title("示例县发展和改革委员会党组书记、主任2024年度述职述廉报告", 20)
    widths = [text_width(line) for line in lines]
    assert widths == sorted(widths)  # the upper line is not the longer one


def test_without_jieba_titles_still_break_by_widths(monkeypatch):
    monkeypatch.setattr(segment, "_dictionary", False)
    title = CORPUS_SHAPED_TITLES[0]
    lines = break_title(title, 20)
    assert "".join(lines) == title and all(text_width(line) <= 20 for line in lines)
