"""The one segmenter (drafts.words): the same cut and the same part-of-speech tags as
``jieba.posseg`` without its HMM, for the checks; the genre's fixed terms kept whole."""

from __future__ import annotations

import jieba
import jieba.posseg
import pytest

from drafts import words

TEXTS = [
    "全年共召开党组会议12次，研究重大事项的的确确落实到位。",
    "我们常常谈谈心，天天学习，人人争先。",
    "加强党风廉政建设，落实全面从严治党主体责任和一岗双责。",
    "推进项目建设，完成投资3.5亿元，新增就业岗位1200个。",
    "坚持以人民为中心的发展思想，扎实推进乡村振兴战略。",
    "ABC公司的CEO来县考察了5G基站项目。",
    "示例县发展改革局局长张三，县委副书记、乡长李四。",
]


@pytest.fixture(scope="module")
def posseg():
    jieba.setLogLevel(60)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


@pytest.mark.parametrize("text", TEXTS)
def test_it_tags_as_jieba_posseg_does(text, posseg):
    expected = [(w.word, w.flag) for w in posseg.cut(text, HMM=False)]
    got = words.tagged(text)
    assert "".join(w for w, _t in got) == text
    han = [(w, t) for w, t in got if words._HAN_RUN.fullmatch(w)]
    assert han == [(w, t) for w, t in expected if words._HAN_RUN.fullmatch(w)]


def test_titles_keep_the_fixed_terms_whole_where_jieba_would_not():
    assert "局长" in words.words("示例县发展改革局局长")
    assert ("局局长", "n") in words.tagged("示例县发展改革局局长")


def test_it_finds_the_content_words():
    assert words.content_words("扎实推进乡村振兴战略") == ("扎实", "推进", "乡村", "振兴", "战略")
