"""Formal output of a report tree: HTML preview, PDF (WeasyPrint) and DOCX (python-docx).

- :mod:`.profile` — every layout number (GB/T 9704-2012, layout.md) in one adjustable profile;
- :mod:`.blocks` — the tree laid out as paragraphs: numbering, run-in items, lead sentences,
  title lines, signature indents (shared by every writer);
- :mod:`.html` — :func:`render_fragment` (on-screen preview, ``static/css/gbt-preview.css``)
  and :func:`~.html.render_document` (the print document the PDF is made from);
- :mod:`.pdf_writer` — :func:`~.pdf_writer.render_pdf` (``data:`` URLs only);
- :mod:`.docx_writer` — :func:`~.docx_writer.render_docx`;
- :mod:`.limits` — the size limit (:class:`~.limits.TooLarge`);
- :mod:`.formats` — the table of output formats (extension, content type, label, writer);
- :mod:`.cache` — renders kept by tree hash, format, draft flag and profile;
- :mod:`.anchors` — the ids of the tree's places in the preview;
- :mod:`.samples` — generated trees for tests and ``bench/render.py``.

Pure: trees in, bytes out; the files of stored reports are ``drafts.downloads``. Import the
writers from their modules; this package imports nothing heavy at start-up.
"""

from .html import render_fragment

__all__ = ["render_fragment"]
