"""Round trip through the DOCX renderer: render_docx(tree) -> parse_docx -> the same tree.

Uses the generator of test_import_property (same constraints: trees whose text form is
unambiguous); skipped while the renderer is not there.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from drafts.importing import parse_docx

from .test_import_property import _normalise, trees

docx_writer = pytest.importorskip("drafts.rendering.docx_writer")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(trees())
def test_it_reads_back_the_docx_rendered_from_a_tree(tree):
    data = docx_writer.render_docx(tree)
    assert _normalise(parse_docx(data).tree) == _normalise(tree)
