"""WeasyPrint's warnings are visible: Django's LOGGING or, in a plain script, our handler.

WeasyPrint installs a NullHandler on its logger, which also keeps Python's last-resort
stderr handler away, so without a handler its warnings (refused fetches, missing fonts,
bad CSS) are silently lost.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import weasyprint
{setup}
weasyprint.CSS(string="p {{ colour: red }}")  # an unknown property: WeasyPrint warns
"""


def run_script(setup: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(setup=setup)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_settings_attach_a_handler_to_the_weasyprint_logger():
    assert any(
        not isinstance(h, logging.NullHandler) for h in logging.getLogger("weasyprint").handlers
    )


def test_a_plain_script_loses_weasyprints_warnings_without_a_handler():
    assert "colour" not in run_script("")


def test_the_renderer_makes_weasyprints_warnings_visible_in_a_plain_script():
    setup = "from drafts.rendering.pdf_writer import ensure_weasyprint_logging\nensure_weasyprint_logging()"
    err = run_script(setup)
    assert "weasyprint WARNING" in err and "colour" in err


def test_the_handler_is_added_once():
    setup = (
        "import logging\n"
        "from drafts.rendering.pdf_writer import ensure_weasyprint_logging\n"
        "ensure_weasyprint_logging(); ensure_weasyprint_logging()\n"
        "assert len([h for h in logging.getLogger('weasyprint').handlers"
        " if not isinstance(h, logging.NullHandler)]) == 1"
    )
    run_script(setup)
