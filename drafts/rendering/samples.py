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
