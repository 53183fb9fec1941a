"""An HTML document as PDF, printed by headless Chromium (the browser's own print, as a person
would "save as PDF"): the MACSE pack of ``graph-service profile --format pdf`` and the profile
page's "download PDF".

Chromium is run as a program (``chromium --headless --print-to-pdf``), the HTML handed to it
as a file in a private temporary folder; the document must be self-contained (styles inline,
images as ``data:`` URIs), and Chromium is started with every background connection off, so
nothing is fetched from anywhere. Without Chromium the caller gets a :class:`PdfUnavailable`
saying how to install it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Names Chromium is installed under (Debian: ``chromium``; others: ``chromium-browser``).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
#: Flags for a closed network: no background connections, no first-run work, no sandbox (the
#: service may run as root in a container, where Chromium's sandbox cannot start). The tests'
#: and benchmarks' Chromium starts with these too.
CLOSED_NETWORK_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")
#: Printing adds: no extensions, no header or footer, every drawing step done before the print.
CHROMIUM_FLAGS = (*CLOSED_NETWORK_FLAGS, "--disable-extensions", "--no-pdf-header-footer",
                  "--run-all-compositor-stages-before-draw")
#: Seconds a print may take before it is given up.
TIMEOUT = 120


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (no Chromium, or Chromium failed); the message says why and what to do."""


def chromium() -> str:
    """The path of the Chromium program, or :class:`PdfUnavailable` naming what to install."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfUnavailable("pdf: Chromium is needed to print the PDF and none was found (looked for "
                         f"{', '.join(CHROMIUM_NAMES)} on PATH): install it (Debian/Ubuntu: "
                         "`apt-get install chromium`), or use the HTML pack and print it from a browser")


def html_to_pdf(html: str, timeout: float = TIMEOUT) -> bytes:
    """``html`` (a self-contained document) printed to PDF by headless Chromium, A4."""
    program = chromium()
    with tempfile.TemporaryDirectory(prefix="graph-service-pdf-") as folder:
        source, target = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        source.write_text(html, encoding="utf-8")
        command = [program, *CHROMIUM_FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"pdf: Chromium did not finish printing within {timeout:.0f} s") from None
        if not target.exists() or target.stat().st_size == 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            raise PdfUnavailable(f"pdf: Chromium ({program}) wrote no PDF (exit status {done.returncode}): {tail}")
        return target.read_bytes()
