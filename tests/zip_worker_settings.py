"""Settings for the processes of tests/test_zip_worker.py: the project's, plus a media root.

The web process and the worker must share the database and ``MEDIA_ROOT`` (where the worker
writes the ZIP the web process serves); the test points both at its temporary directory.
"""

import os
from pathlib import Path

from reportsite.settings import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["ZIP_WORKER_MEDIA_ROOT"])
