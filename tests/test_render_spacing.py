"""Letter spacing as WeasyPrint puts it on the page (:mod:`drafts.rendering.spacing`)."""

from __future__ import annotations

import random

import pytest

from drafts.rendering.spacing import achievable, page_spacing

from .rendering_support import pdf_pages, write


def test_the_spacing_given_is_never_wider_than_the_one_wanted_and_at_most_a_step_tighter():
    rng = random.Random(12)
    for wanted in [rng.uniform(-1.0, 4.0) for _ in range(2000)]:
        page, _ = achievable(wanted, 16.0)
        assert page <= wanted + 1e-9
        assert wanted - page < 16.0 / 1000 + 0.0035  # one step, and the gaps between runs


def test_the_css_value_gives_the_spacing_it_is_chosen_for():
    rng = random.Random(3)
    for wanted in [rng.uniform(-1.0, 4.0) for _ in range(500)]:
        page, css = achievable(wanted, 16.0)
        assert page_spacing(css, 16.0) == pytest.approx(page, abs=1e-9)


def test_a_naive_value_lands_off_by_up_to_a_step_per_character():
    # -0.22 pt asked, -0.2085 pt drawn: 28 characters end 0.3 pt further right than planned.
    assert page_spacing(-0.22, 16.0) == pytest.approx(-0.2085, abs=1e-4)


@pytest.mark.parametrize("wanted", [-0.224, -0.8, 0.09, 0.906, 1.7, 3.5])
def test_weasyprint_draws_the_spacing_computed(wanted, tmp_path):
    import weasyprint

    page, css = achievable(wanted, 16.0)
    n = 60
    html = (
        '<html lang="zh-CN"><style>@page { size: 1500pt 100pt; margin: 0 }</style>'
        f'<p style="margin:0;font:16pt FandolFang;white-space:pre;letter-spacing:{css!r}pt">'
        f"{'政' * n}</p></html>"
    )
    path = write(tmp_path, weasyprint.HTML(string=html).write_pdf())
    (line,) = pdf_pages(path)[0]["lines"]
    drawn = (line.x_max - line.x_min - 16 * n) / (n - 1)
    assert drawn == pytest.approx(page, abs=0.0006)
