"""Web-page debris left in pasted text: ``##paidbegin##``, HTML tags and entities, "下载全文"."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .. import document
from .findings import CheckContext, Hit, excerpt

_DEBRIS_RES = [
    re.compile(r"##[A-Za-z_]{2,30}##"),
    re.compile(r"</?(?:p|div|span|br|img|a|strong|b|i|font|table|tr|td)\b[^<>\n]{0,200}>", re.I),
    re.compile(r"&(?:nbsp|amp|lt|gt|quot|ensp|emsp|#\d{2,5});"),
    re.compile(
        r"\[(?:图片|img|image)\]|(?:本文|文章)来源[:：]|(?:免费)?下载全文|点击(?:查看|下载|阅读)"
    ),
]


def check_scrape_debris(tree: document.Report, context: CheckContext) -> list[Hit]:
    out = []
    for where, text in tree.text_fields():
        for regex in _DEBRIS_RES:
            for m in regex.finditer(text):
                out.append(
                    Hit(
                        where,
                        m.start(),
                        excerpt(text, m.start(), m.end()),
                        _("Web-page debris “%(token)s” left in the text: delete it.")
                        % {"token": m.group(0)},
                    )
                )
    return out
