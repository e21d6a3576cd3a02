"""The progress board's stacked bar (inline SVG: no script, no style attribute, no CDN) and
a column's label. No queries."""

from django import template
from django.utils.html import format_html, format_html_join

from ..cycle.board import bar, column_labels

register = template.Library()


@register.filter
def label_of(columns, key):
    return dict(columns).get(key, key)


@register.simple_tag
def stacked_bar(counts):
    labels = dict(column_labels())
    segments = bar(counts)
    title = "，".join(f"{labels[s['state']]} {s['n']}" for s in segments)
    rects = format_html_join(
        "",
        '<rect x="{}" y="0" width="{}" height="10" class="seg-{}"><title>{} {}</title></rect>',
        ((s["x"], s["w"], s["colour"], labels[s["state"]], s["n"]) for s in segments),
    )
    return format_html(
        '<svg class="board-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        'aria-label="{}">{}</svg>',
        title,
        rects,
    )
