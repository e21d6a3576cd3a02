"""Median time to import and to check a 6,000-character report (issue 4 targets).

Run: .venv/bin/python bench/import_checks.py
Targets: import <= 50 ms; all checks <= 100 ms including the previous-year comparison.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

import django  # noqa: E402

django.setup()

from drafts.checks import run_checks  # noqa: E402
from drafts.importing import parse_text  # noqa: E402
from drafts.numbering import item_marker, section_marker  # noqa: E402

WORDS = (
    "坚持 学习 落实 责任 推进 项目 建设 服务 群众 发展 制度 干部 作风 安全 农业 企业 "
    "全年 完成 投资 万元 同比 增长 开展 专项 整治 工作 加强 党建 基层 组织 监督 检查"
).split()


def make_report(seed: int, target: int = 6000) -> str:
    rng = random.Random(seed)

    def sentence() -> str:
        words = rng.choices(WORDS, k=rng.randint(6, 14))
        return "，".join("".join(words[i : i + 3]) for i in range(0, len(words), 3)) + "。"

    lines = ["2025年度述职述廉报告", "今年以来，" + sentence() + "现将有关情况报告如下："]
    s = 0
    while sum(len(x) for x in lines) < target - 200:
        lines.append(section_marker(s) + "".join(rng.choices(WORDS, k=4)))
        style = ["arabic", "paren", "ordinal"][s % 3]
        for j in range(4):
            lines.append(
                item_marker(style, j)
                + "".join(rng.choices(WORDS, k=3))
                + "。"
                + "".join(sentence() for _ in range(5))
            )
        s += 1
    lines.append("一年来，" + sentence() + sentence())
    return "\n".join(lines)


def median_ms(fn, repeat: int = 30) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    text = make_report(1)
    # last year's report: same size, about a third of its sentences taken over this year
    shared = "。".join(text.split("。")[::3])
    previous_text = make_report(2, 6000 - len(shared)) + "\n" + shared
    tree, previous = parse_text(text), parse_text(previous_text)
    print(f"report: {tree.char_count()} characters, previous: {previous.char_count()}")
    print(f"import          : {median_ms(lambda: parse_text(text)):6.1f} ms (target 50)")
    print(f"checks          : {median_ms(lambda: run_checks(tree)):6.1f} ms")
    print(f"checks+previous : {median_ms(lambda: run_checks(tree, previous)):6.1f} ms (target 100)")


if __name__ == "__main__":
    main()
