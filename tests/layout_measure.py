"""A secretary's ruler for PDFs (ours, or LibreOffice's of the DOCX): grid rows per page,
line edges, kinsoku, title lines, punctuation drawn. Reads ``pdftotext -bbox-layout``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .rendering_support import MM, Line, body_lines, pdf_pages

TOP = 37 * MM
LEFT = 28 * MM
RIGHT = (210 - 26) * MM
PITCH = 579 / 20  # the DOCX grid's 28.95 pt, which the PDF uses too
ROWS = 22
CHAR = 16 - 0.22  # one body character, as the profile spaces it
# What the issue lists (GB/T 15834 practice), plus the other marks of the same kind.
NO_START = set("，。、；：？！）》”’】」%")
NO_END = set("“（《‘【「")
PUNCTUATION = re.compile(r"[，。、；：？！“”‘’（）《》]")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass
class PageRows:
    number: int  # 1-based
    lines: list[Line]
    rows: list[int]  # the grid row (0-21) of each line
    body_height: float = 0.0  # the usual glyph box height of a body line on this page

    @property
    def last_row(self) -> int:
        return max(self.rows) if self.rows else -1


def row_of(line: Line) -> int:
    return int(((line.y_min + line.y_max) / 2 - TOP) // PITCH)


def page_rows(path: Path) -> list[PageRows]:
    pages = []
    for number, page in enumerate(pdf_pages(path), start=1):
        lines = body_lines(page)
        heights = sorted(ln.y_max - ln.y_min for ln in lines)
        usual = heights[len(heights) // 2] if heights else 0.0
        pages.append(PageRows(number, lines, [row_of(ln) for ln in lines], usual))
    return pages


def off_grid(pages: list[PageRows], tolerance_pt: float = 2.0) -> list[tuple[int, str]]:
    """Lines whose middle is not in the middle of a grid row."""
    out = []
    for page in pages:
        for line, row in zip(page.lines, page.rows, strict=True):
            middle = (line.y_min + line.y_max) / 2
            if abs(middle - (TOP + (row + 0.5) * PITCH)) > tolerance_pt:
                out.append((page.number, line.text))
    return out


def is_title(line: Line, page: PageRows) -> bool:
    """22 pt type among 16 pt lines (glyph boxes: 22 and 16 pt in our PDF, 28.6 and 20.8 pt
    in LibreOffice's)."""
    return line.y_max - line.y_min > 1.2 * page.body_height


def is_continuation(line: Line) -> bool:
    return abs(line.x_min - LEFT) < 0.5 * MM


def is_first_line(line: Line) -> bool:
    return abs(line.x_min - (LEFT + 2 * CHAR)) < 0.5 * MM


def flow(pages: list[PageRows]) -> list[tuple[int, Line]]:
    """Body lines in reading order with their page number (titles left out)."""
    return [(p.number, ln) for p in pages for ln in p.lines if not is_title(ln, p)]


def inner_lines(pages: list[PageRows]) -> list[tuple[int, Line]]:
    """Lines of a paragraph that another line of it follows (on this page or the next)."""
    lines = flow(pages)
    return [
        (number, line)
        for (number, line), (_, following) in zip(lines, lines[1:], strict=False)
        if (is_first_line(line) or is_continuation(line)) and is_continuation(following)
    ]


def edge_misses(pages: list[PageRows], tolerance_mm: float = 0.5) -> list[tuple[int, str, float]]:
    """Inner lines whose right end is more than ``tolerance_mm`` from the text block's edge:
    ``(page, text, distance in mm, negative when short)``."""
    out = []
    for number, line in inner_lines(pages):
        miss = (line.x_max - RIGHT) / MM
        if abs(miss) > tolerance_mm:
            out.append((number, line.text, round(miss, 2)))
    return out


def outside_block(pages: list[PageRows], tolerance_mm: float = 0.02) -> list[tuple[int, str]]:
    """Lines with a glyph left of the left margin or right of the right one."""
    return [
        (p.number, ln.text)
        for p in pages
        for ln in p.lines
        if ln.x_min < LEFT - tolerance_mm * MM or ln.x_max > RIGHT + tolerance_mm * MM
    ]


def kinsoku_faults(pages: list[PageRows]) -> list[tuple[int, str]]:
    return [
        (p.number, ln.text)
        for p in pages
        for ln in p.lines
        if ln.text and (ln.text[0] in NO_START or ln.text[-1] in NO_END)
    ]


def short_pages(pages: list[PageRows], signature_name: str = "", max_carried: int = 2) -> list[str]:
    """Every page but the last must end on row 22 (the 22nd line), except: a page whose
    next page starts with a heading may end short by that heading's lines (it moved with
    its first line); the page before a last page that holds the signature may end short by
    the body lines carried over to keep the signature company (at most ``max_carried``),
    the blank line before the signature and its name. Returns what breaks these rules."""
    faults = []
    for page, following in zip(pages, pages[1:], strict=False):
        if page.last_row == ROWS - 1:
            continue
        heading_rows = 0
        for line in following.lines:
            if HEADING.match(line.text) or (heading_rows and not is_first_line(line)):
                heading_rows += 1
            else:
                break
        if heading_rows and page.last_row == ROWS - 1 - heading_rows:
            continue
        if following is pages[-1] and signature_name:
            texts = [ln.text for ln in following.lines]
            if signature_name in texts:
                carried = texts.index(signature_name)
                if 1 <= carried <= max_carried and page.last_row >= ROWS - 1 - carried - 2:
                    continue
        faults.append(f"page {page.number} ends on row {page.last_row + 1}")
    return faults


def punctuation_count(path: Path) -> int:
    from .rendering_support import run

    return len(PUNCTUATION.findall(run("pdftotext", str(path), "-")))


def title_lines(pages: list[PageRows]) -> list[str]:
    return [ln.text for ln in pages[0].lines if is_title(ln, pages[0])]


def split_words(lines: list[str], words: list[str]) -> list[str]:
    """Words of ``words`` that a break between ``lines`` cuts in two."""
    text = "".join(lines)
    breaks, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        breaks.add(pos)
    cut = []
    for word in words:
        start = text.find(word)
        while start != -1:
            if any(start < b < start + len(word) for b in breaks):
                cut.append(word)
            start = text.find(word, start + 1)
    return cut


def shape_faults(widths: list[float]) -> list[str]:
    """What keeps title line widths from a trapezoid (each line longer than the one above)
    or a diamond (longer towards the middle)."""
    faults = []
    steps = [b - a for a, b in zip(widths, widths[1:], strict=False)]
    if any(abs(s) < 0.25 for s in steps):
        faults.append("two equal lines")
    if steps and steps[0] < 0:
        faults.append("first line longer than the second")
    if any(a < 0 < b for a, b in zip(steps, steps[1:], strict=False)):
        faults.append("an hourglass")
    return faults
