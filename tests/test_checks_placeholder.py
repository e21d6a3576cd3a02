"""placeholder and scrape_debris: flag what is unfilled or pasted debris, nothing else."""

from __future__ import annotations

import pytest

from drafts import document
from drafts.checks import has_errors, run_checks


def _tree(text):
    return document.Report(
        opening=text, sections=[document.Section(heading="加强学习", intro="坚持学习。")]
    )


def _codes(text, code):
    return [f for f in run_checks(_tree(text)) if f.code == code]


@pytest.mark.parametrize(
    "text,token",
    [
        ("已签约项目*个。", "*"),
        ("参加学习**次。", "**"),
        ("完成＊件。", "＊"),
        ("生产总值XX万元。", "XX"),
        ("同比增长XXX.X％。", "XXX.X"),
        ("修路X.XX公里。", "X.XX"),
        ("xxx被评为名牌。", "xxx"),
        ("创建合作社X家。", "X"),
        ("××镇党委。", "××"),
        ("某某同志。", "某某"),
        ("＿＿年度。", "＿＿"),
        ("共有__人。", "__"),
        ("出席（  ）次。", "（  ）"),
    ],
)
def test_it_flags_placeholders(text, token):
    found = _codes(text, "placeholder")
    assert [text[f.offset : f.offset + len(token)] for f in found] == [token]
    assert found[0].severity == "error" and found[0].where == "opening"
    assert token in found[0].message and "占位符" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "组织干部做X光检查。",
        "建成5G基站12个。",
        "面积3×4米。",
        "面积3 × 4米。",
        "引进Xavier等专家。",
        "网址http://xx.example.com/xx。",
        "投资3.5亿元。",
        "每天8:30上班。",
        "共2,000人。",
        "采用x86架构。",
        "X射线检测。",
        "5*5的方阵。",
        "二〇二四年。",
    ],
)
def test_it_does_not_flag_real_text(text):
    assert _codes(text, "placeholder") == []


def test_it_gives_an_excerpt_around_the_placeholder():
    (finding,) = _codes("今年已签约项目*个，总投资较大。", "placeholder")
    assert "项目*个" in finding.excerpt


def test_placeholders_are_errors():
    assert has_errors(run_checks(_tree("签约*个。")))
    assert not has_errors(run_checks(_tree("签约3个。")))


@pytest.mark.parametrize(
    "text", ["利用政##paidbegin##企平台。", "内容<p>段落</p>。", "空格&nbsp;在此。"]
)
def test_it_flags_scrape_debris(text):
    (finding, *_rest) = _codes(text, "scrape_debris")
    assert finding.severity == "error"


def test_it_does_not_flag_ordinary_hash_or_brackets():
    assert _codes("第#3号文件，a<b时成立。", "scrape_debris") == []
