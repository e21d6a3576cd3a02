"""Render benchmark: a generated 6,000-character, ~12-page report as DOCX and PDF.

    .venv/bin/python bench/render.py [ITERATIONS]

Prints the median of: DOCX build and PDF render in a warm process (the PDF as it is made by
default, its lines justified, and with WeasyPrint's own lines, REPORT_PDF_JUSTIFY=0, the two
alternating in one process so that the ratio is like for like); ``manage.py render_report``
as a fresh process (PDF and DOCX); the peak memory (maxrss) of such a process; and
LibreOffice converting the same DOCX to PDF when ``soffice`` is installed, against warm PDF
renders timed before and after it.
Targets (issue 3): PDF <= 0.3 s warm, DOCX <= 0.05 s warm, peak memory < 200 MB,
PDF path >= 4x faster than LibreOffice; (issue 12) justified lines cost <= 15 %.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

import django  # noqa: E402

django.setup()

from dataclasses import replace  # noqa: E402

from drafts.rendering.docx_writer import render_docx  # noqa: E402
from drafts.rendering.pdf_writer import render_pdf  # noqa: E402
from drafts.rendering.profile import default_profile  # noqa: E402
from drafts.rendering.samples import generated_report  # noqa: E402

PYTHON = sys.executable


def median_time(fn, n: int) -> tuple[float, float, float, list[float]]:
    """Median wall time, median CPU time of this process, the best wall time (on a shared
    virtual machine the same work takes up to a third longer in busy periods; the best of
    the runs shows what a quiet machine does) and the wall times."""
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), min(wall), wall


def child(cmd: list[str], **kwargs) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode(errors='replace')}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss * 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(f"load average before the run: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    print(f"Python {platform.python_version()} (base prefix {sys.base_prefix})")
    tree = generated_report(6000)
    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        tree_path = tmp / "tree.json"
        tree_path.write_text(tree.to_json(), encoding="utf-8")
        pdf = render_pdf(tree)  # warm up fonts and imports
        docx = render_docx(tree)
        (tmp / "report.pdf").write_bytes(pdf)
        (tmp / "report.docx").write_bytes(docx)
        pages = subprocess.run(
            ["pdfinfo", str(tmp / "report.pdf")], capture_output=True, text=True
        ).stdout
        pages = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
        print(
            f"report: {tree.char_count()} characters, {pages} pages (PDF {len(pdf) // 1024} KB, DOCX {len(docx) // 1024} KB)"
        )

        docx_warm, docx_cpu, docx_best, _ = median_time(lambda: render_docx(tree), max(n, 20))
        plain = replace(default_profile(), pdf_justify_lines=False)
        render_pdf(tree, plain)  # warm up its stylesheet
        # Alternating in blocks of three, so that both see the same machine (one by one,
        # each render would start on the other's cold caches).
        pdf_times, pdf_cpus, plain_times, plain_cpus = [], [], [], []
        for _ in range(max(1, n // 3)):
            for profile, walls, cpus in ((None, pdf_times, pdf_cpus), (plain, plain_times, plain_cpus)):
                render_pdf(tree, profile)  # the block's first render warms its caches
                for _ in range(3):
                    _, cpu, wall, _ = median_time(lambda p=profile: render_pdf(tree, p), 1)
                    walls.append(wall)
                    cpus.append(cpu)
        pdf_warm, pdf_best = statistics.median(pdf_times), min(pdf_times)
        pdf_cpu = statistics.median(pdf_cpus)
        plain_warm, plain_cpu = statistics.median(plain_times), statistics.median(plain_cpus)
        print(
            f"DOCX build, warm process:  median {docx_warm * 1000:7.1f} ms (CPU {docx_cpu * 1000:6.1f} ms,"
            f" best {docx_best * 1000:6.1f} ms)   (target <= 50 ms)"
        )
        print(
            f"PDF render, warm process (justified lines, the default):  median {pdf_warm * 1000:7.1f} ms"
            f" (CPU {pdf_cpu * 1000:6.1f} ms, best {pdf_best * 1000:6.1f} ms)   (target <= 300 ms)"
        )
        print(
            f"PDF render, warm process (WeasyPrint's lines, REPORT_PDF_JUSTIFY=0): median"
            f" {plain_warm * 1000:7.1f} ms (CPU {plain_cpu * 1000:6.1f} ms, best {min(plain_times) * 1000:6.1f} ms)"
        )
        print(
            f"justified / WeasyPrint's lines: {pdf_warm / plain_warm:.3f} wall,"
            f" {pdf_cpu / plain_cpu:.3f} CPU   (target <= 1.15)"
        )

        # The path users hit: render_report called again and again in one process, each time
        # on a report with new text (new glyphs to shape and subset, nothing cached).
        from io import StringIO

        from django.core.management import call_command

        command_times = []
        for i in range(max(6, n)):
            path = tmp / f"new-{i}.json"
            path.write_text(generated_report(6000, seed=1000 + i).to_json(), encoding="utf-8")
            start = time.perf_counter()
            call_command(
                "render_report", str(path), "--format", "pdf", "-o", str(tmp / "new.pdf"),
                stdout=StringIO(),
            )
            command_times.append(time.perf_counter() - start)
        command = statistics.median(command_times[1:])  # the first one pays the imports
        print(
            f"PDF via render_report (call_command, new text each time, one process): median"
            f" {command * 1000:7.1f} ms, best {min(command_times[1:]) * 1000:6.1f} ms"
        )

        fresh = {}
        peak = 0
        for fmt in ("pdf", "docx"):
            cmd = [
                PYTHON,
                str(ROOT / "manage.py"),
                "render_report",
                str(tree_path),
                "--format",
                fmt,
                "-o",
                str(tmp / f"fresh.{fmt}"),
            ]
            runs = [child(cmd, cwd=ROOT) for _ in range(max(3, n // 2))]
            fresh[fmt] = statistics.median(t for t, _ in runs)
            peak = max([peak, *(rss for _, rss in runs)])
            print(
                f"{fmt.upper():4} fresh render_report process: median {fresh[fmt] * 1000:7.1f} ms"
            )
        print(f"peak memory of a render_report process: {peak / 2**20:.0f} MB   (target < 200 MB)")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print(
                "LibreOffice: not installed, comparison skipped (apt-get install libreoffice-writer-nogui)"
            )
            return
        profile = tmp / "lo-profile"
        cmd = [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "lo"),
            str(tmp / "report.docx"),
        ]
        child(cmd)  # first start creates the profile
        lo = statistics.median(child(cmd)[0] for _ in range(max(3, n // 2)))
        # The warm PDF figure is taken again after LibreOffice, so that the ratio brackets
        # LibreOffice's runs in time on a machine whose speed drifts (a shared virtual
        # machine's does, by a third over minutes). Alternating run by run would not do:
        # each LibreOffice process leaves the next render with cold caches.
        render_pdf(tree)  # warm again after LibreOffice
        *_, after = median_time(lambda: render_pdf(tree), n)
        pdf_both = statistics.median(pdf_times + after)
        print(f"LibreOffice DOCX -> PDF (same DOCX), fresh process: median {lo * 1000:7.1f} ms")
        print(
            f"LibreOffice / PDF warm: {lo / pdf_both:.1f}x (PDF median {pdf_both * 1000:.1f} ms over"
            f" the runs before and after LibreOffice's)   (target >= 4x)"
        )
        print(f"LibreOffice / PDF fresh render_report process: {lo / fresh['pdf']:.1f}x")
        print(
            f"LibreOffice / render_report in one process, new text: {lo / command:.1f}x"
            f" (median {command * 1000:.1f} ms)   (target >= 4x)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
