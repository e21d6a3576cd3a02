"""Generated report trees for tests and the benchmark (own text, deterministic)."""

from __future__ import annotations

import random

from .. import document

_SUBJECTS = [
    "全局干部职工",
    "班子成员",
    "各股室负责人",
    "机关党支部",
    "项目专班",
    "驻村工作队",
    "窗口服务人员",
    "业务骨干",
    "青年干部",
    "分管领域",
]
_VERBS = [
    "认真落实",
    "持续推进",
    "扎实开展",
    "统筹抓好",
    "深入推进",
    "全面完成",
    "严格执行",
    "积极配合",
    "着力破解",
    "细化分解",
]
_OBJECTS = [
    "年度重点工作任务",
    "项目审批服务改革",
    "营商环境优化提升行动",
    "安全生产隐患排查",
    "基层党组织标准化建设",
    "政务公开和信息报送",
    "财务管理和内部控制",
    "干部教育培训计划",
    "民生实事项目",
    "信访问题化解",
]
_TAILS = [
    "取得了阶段性成效",
    "各项指标稳中有进",
    "群众满意度进一步提高",
    "形成了一批可复制的做法",
    "为全年目标完成打下了基础",
    "工作质量和效率明显提升",
    "推动问题整改落到实处",
    "确保各项部署落地见效",
]
_HEADINGS = [
    ("加强理论学习，提高政治站位", "politics", "arabic", False),
    ("履职尽责抓落实，推动工作上台阶", "duties", "paren", False),
    ("落实全面从严治党主体责任", "party", "ordinal", True),
    ("严守纪律规矩，做到廉洁自律", "integrity", "ordinal", False),
    ("存在的问题和不足", "problems", "none", False),
    ("下一步工作打算", "plans", "arabic", False),
]


def sentence(rng: random.Random) -> str:
    n = rng.randint(1, 40)
    return (
        f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，"
        f"全年累计开展相关工作{n}次，{rng.choice(_TAILS)}。"
    )


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


def generated_report(chars: int = 6000, seed: int = 2025) -> document.Report:
    """A plausible report of about ``chars`` characters in six sections."""
    rng = random.Random(seed)
    sections = []
    for heading, kind, style, inline in _HEADINGS:
        items = [
            document.Item(
                lead=f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}", body=paragraph(rng, 3)
            )
            for _ in range(3)
        ]
        sections.append(
            document.Section(
                heading=heading,
                kind=kind,
                item_style=style,
                inline_items=inline,
                intro=paragraph(rng, 1),
                items=items,
            )
        )
    tree = document.Report(
        title="2025年度述职述廉报告",
        byline="示例县发展和改革局党组书记、局长 张三",
        opening=paragraph(rng, 3) + "现将有关情况报告如下：",
        sections=sections,
        closing="新的一年，我将继续加强学习，改进作风，努力把各项工作做得更好。",
        signature=document.Signature(name="张三", date="2026-01-10"),
    )
    # Grow or trim the sections' items until the tree has about ``chars`` characters.
    i = 0
    while tree.char_count() < chars:
        section = tree.sections[i % len(tree.sections)]
        section.items[i % len(section.items)].body += "\n" + paragraph(rng, 2)
        i += 1
    return tree


def full_page_text(lines: int, chars_per_line: int = 28) -> str:
    """Body text made of CJK characters only (no punctuation), so every line is full."""
    base = "政治学习履职尽责廉洁自律依法行政作风建设意识形态工作党建责任落实推进"
    n = lines * chars_per_line
    return (base * (n // len(base) + 1))[:n]


# -- corpus-shaped reports ---------------------------------------------------------
# Shaped like the reports offices circulate (shared/corpus): long titles naming the post,
# quoted slogans, book titles, parenthesised notes, percentages and sums, lists with 、,
# run-in 一是/二是 items, （一） items and 1. items with lead sentences, a rare character in
# the name. The sentences are this module's own.

CORPUS_SHAPED_TITLES = (
    "中共示例市临江区委政法委员会副书记2024年度述职述廉报告",
    "关于2024年度履行全面从严治党主体责任和个人廉洁自律情况的报告",
    "示例县青山乡党委副书记、乡长王堃喆同志2024年度述职述德述廉述法报告",
    "示例市临江区人民政府副区长2024年度述职述廉报告",
    "示例县发展和改革委员会党组书记、主任2024年度述职述廉报告",
)
_SHAPED_NAMES = ("李明远", "赵文静", "王堃喆", "陈志刚", "周玥")
_SHAPED_BYLINES = (
    "临江区委政法委员会副书记",
    "示例县人民政府副县长",
    "青山乡党委副书记、乡长",
    "临江区人民政府副区长",
    "示例县发展和改革委员会党组书记、主任",
)
_SLOGANS = ("“两个确立”", "“两个维护”", "“四下基层”", "“放管服”", "“最多跑一次”", "“卖难”", "“三会一课”", "“一岗双责”")
_BOOKS = ("《中国共产党纪律处分条例》", "《习近平谈治国理政》", "《中国共产党廉洁自律准则》", "《优化营商环境条例》")
_PLACES = ("青山乡", "临江街道", "东湖镇", "城南社区", "产业园区", "北坡村")
_MEASURES = ("万元", "亿元", "个", "件", "次", "人次", "户", "公里", "亩", "家")
_ACTS = (
    "牵头推进",
    "督促落实",
    "统筹协调",
    "跟踪问效",
    "研究部署",
    "带队调研",
    "专题调度",
    "包联指导",
)
_THINGS = (
    "重点项目建设",
    "矛盾纠纷排查化解",
    "基层治理体系建设",
    "农产品产销对接",
    "营商环境评价整改",
    "安全生产专项整治",
    "乡村振兴示范创建",
    "信访积案清理",
    "干部作风专项整治",
    "党风廉政建设责任制落实",
)
_RESULTS = (
    "问题整改率达到{p}%",
    "同比增长{p}%",
    "化解率{p}%",
    "群众满意度提升到{p}%",
    "完成年度目标的{p}%",
)
_LEADS_SHAPED = (
    "坚持把政治建设摆在首位",
    "扎实推进中心工作",
    "抓实抓细基层治理",
    "以钉钉子精神抓落实",
    "守牢安全稳定底线",
    "严格落实“一岗双责”",
    "带头遵守廉洁纪律",
    "持续改进工作作风",
    "认真履行第一责任人职责",
    "聚焦群众急难愁盼",
)
_HEADINGS_SHAPED = (
    "坚定理想信念，始终做到对党忠诚",
    "聚焦主责主业，推动各项工作落地见效",
    "落实全面从严治党主体责任，营造风清气正的政治生态",
    "严守纪律规矩，带头廉洁从政",
    "存在的问题和不足",
    "下一步努力方向",
)


def _shaped_sentence(rng: random.Random) -> str:
    kind = rng.randrange(7)
    thing, act = rng.choice(_THINGS), rng.choice(_ACTS)
    n = rng.randint(2, 380)
    p = f"{rng.randint(60, 99)}.{rng.randint(1, 9)}" if rng.random() < 0.5 else str(rng.randint(8, 100))
    result = rng.choice(_RESULTS).format(p=p)
    if kind == 0:
        return f"深入学习{rng.choice(_BOOKS)}，坚决做到{rng.choice(_SLOGANS)}，全年参加集中学习{n}次。"
    if kind == 1:
        a, b, c = rng.sample(_PLACES, 3)
        return f"{act}{a}、{b}、{c}等地{thing}，{result}。"
    if kind == 2:
        return f"针对{rng.choice(_SLOGANS)}问题，{act}{thing}，累计投入资金{n}.{rng.randint(1, 9)}{rng.choice(('万元', '亿元'))}（其中上级补助{rng.randint(1, n)}万元）。"
    if kind == 3:
        return f"坚持问题导向，对{thing}中发现的{n}{rng.choice(_MEASURES)}问题建立台账、逐项销号，{result}。"
    if kind == 4:
        return f"{act}{thing}，组织开展专项检查{rng.randint(2, 40)}轮，发现并督促整改问题{n}个；{result}。"
    if kind == 5:
        return f"严格执行{rng.choice(_BOOKS)}，认真开展{rng.choice(_SLOGANS)}活动，推动{thing}常态化、制度化。"
    return f"在{rng.choice(_PLACES)}召开现场推进会{rng.randint(2, 12)}场，“{rng.choice(_THINGS)}”成为全区的示范样板？答案在群众的口碑里！"


def _shaped_paragraph(rng: random.Random, low: int, high: int) -> str:
    return "".join(_shaped_sentence(rng) for _ in range(rng.randint(low, high)))


def corpus_shaped_report(seed: int) -> document.Report:
    """One of five reports shaped like the shared corpus (``seed`` 0–4), 3,000–5,000
    characters, each with a long title, a byline, a signature and a different section mix."""
    rng = random.Random(7000 + seed)
    k = seed % len(CORPUS_SHAPED_TITLES)
    styles = (
        ("arabic", False),
        ("ordinal", True),
        ("paren", False),
        ("ordinal", False),
        ("arabic", False),
        ("none", False),
    )
    sections = []
    for i, heading in enumerate(_HEADINGS_SHAPED):
        style, inline = styles[(i + seed) % len(styles)]
        items = [
            document.Item(lead=rng.choice(_LEADS_SHAPED), body=_shaped_paragraph(rng, 2, 5))
            for _ in range(rng.randint(2, 4) if i < 4 else rng.randint(2, 3))
        ]
        if rng.random() < 0.4:
            items[0].body += "\n" + _shaped_paragraph(rng, 1, 3)
        sections.append(
            document.Section(
                heading=heading,
                item_style=style,
                inline_items=inline,
                intro=_shaped_paragraph(rng, 1, 2) if rng.random() < 0.6 else "",
                items=items,
            )
        )
    name = _SHAPED_NAMES[k]
    return document.Report(
        title=CORPUS_SHAPED_TITLES[k],
        byline=f"{_SHAPED_BYLINES[k]} {name}",
        opening=_shaped_paragraph(rng, 2, 4) + "现将有关情况报告如下：",
        sections=sections[: 4 + seed % 3],
        closing=_shaped_paragraph(rng, 1, 3) + "以上报告，请予评议。",
        signature=document.Signature(name=name, date=f"2025-01-{10 + seed:02d}"),
    )
