"""Character classes the checks share: Chinese text, its punctuation, URLs to leave alone."""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026"
CJK_RE = re.compile(f"[{HAN}{CJK_PUNCT}]")
URL_RE = re.compile(r"(?:https?://|www\.)[\w\-./?%&=:#~+@!,;]+|[\w.+-]+@[\w-]+\.[\w.]+", re.ASCII)
_URL_MASK = "\x00"


def mask_urls(text: str) -> str:
    """``text`` with web and e-mail addresses blanked out, offsets kept."""
    return URL_RE.sub(lambda m: _URL_MASK * len(m.group(0)), text)


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK_RE.match(ch))
