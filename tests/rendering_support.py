"""Helpers for the rendering tests: inspect real PDF files with poppler-utils."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Line:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120).stdout


def write(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdfinfo(path: Path) -> dict[str, str]:
    out = run("pdfinfo", str(path))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of ``pdffonts``: name, type, encoding, emb, sub, uni."""
    rows = []
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        parts = line.split()
        # name, type (may contain spaces), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pdf_pages(path: Path) -> list[dict]:
    """Pages from ``pdftotext -bbox-layout``: ``{"width", "height", "lines": [Line]}``."""
    root = ET.fromstring(run("pdftotext", "-bbox-layout", str(path), "-"))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            text = "".join(w.text or "" for w in line.iter(f"{XHTML}word"))
            lines.append(
                Line(
                    float(line.get("xMin")),
                    float(line.get("yMin")),
                    float(line.get("xMax")),
                    float(line.get("yMax")),
                    text,
                )
            )
        pages.append(
            {"width": float(page.get("width")), "height": float(page.get("height")), "lines": lines}
        )
    return pages


def pdf_text(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def body_lines(page: dict, footer_from_mm: float = 262.0) -> list[Line]:
    """Lines inside the text block (above its bottom edge), page number excluded."""
    return [ln for ln in page["lines"] if ln.y_min < footer_from_mm * MM]


def footer_lines(page: dict, footer_from_mm: float = 262.0) -> list[Line]:
    return [ln for ln in page["lines"] if ln.y_min >= footer_from_mm * MM]


def pdf_objects(data: bytes) -> bytes:
    """The PDF's bytes plus every Flate stream inflated (objects live in object streams)."""
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            chunks.append(zlib.decompress(data[m.end() : end]))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def pdf_string_hex(text: str) -> bytes:
    """How WeasyPrint (pydyf) writes a non-ASCII string: ``<feff…>`` in UTF-16BE hex."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"
