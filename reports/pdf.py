"""Render report HTML to PDF with WeasyPrint: only data: URLs and the site's own static files are fetched.

WeasyPrint is imported only here (and only in the rendering process). A render runs in a
worker process so that it can be stopped when it takes longer than the time limit.
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import multiprocessing
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# Relative URLs in report HTML resolve against this base; it is never contacted.
BASE_URL = "https://report.invalid/"
RENDER_TIMEOUT_SECONDS = 30.0


class ReportTimeout(RuntimeError):
    """The PDF took longer than the time limit and was abandoned."""


def safe_fetcher_class() -> type:
    """Return the fetcher class (built on first use, so WeasyPrint is imported only where PDFs are made)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        """Serve data: URLs and files under static/; refuse everything else (file:, http:, redirects)."""

        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols=("data", "https"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("data:"):
                return URLFetcherResponse(url, *_decode_data_url(url))
            if url.startswith(BASE_URL + "static/"):
                path = (STATIC_DIR / unquote(urlsplit(url).path).removeprefix("/static/")).resolve()
                if path.is_file() and STATIC_DIR in path.parents:
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
            self.refused.append(url)
            raise ValueError(f"Reports load nothing from outside the site: {url}")

    return SafeFetcher


def _decode_data_url(url: str) -> tuple[bytes, dict[str, str]]:
    header, _, payload = url[5:].partition(",")
    mime = header.split(";")[0] or "text/plain"
    body = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
    return body, {"Content-Type": mime}


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix, "application/octet-stream"
    )


def render_in_process(html: str) -> tuple[bytes, list[str]]:
    """Lay out and write the PDF in this process; return it with the URLs the fetcher refused."""
    from weasyprint import HTML

    fetcher = safe_fetcher_class()()
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    return pdf, fetcher.refused


_pool: concurrent.futures.ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> concurrent.futures.ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": a clean interpreter, never a fork of a threaded web server.
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return _pool


def _discard_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            for process in list(getattr(_pool, "_processes", {}).values()):
                process.kill()  # a runaway layout must not keep the CPU
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None


def render_pdf(html: str, timeout: float = RENDER_TIMEOUT_SECONDS) -> bytes:
    """Return the PDF of report HTML, rendered in a worker process stopped after `timeout` seconds."""
    future = _executor().submit(render_in_process, html)
    try:
        pdf, _refused = future.result(timeout=timeout)
    except concurrent.futures.TimeoutError as error:
        _discard_pool()
        raise ReportTimeout(f"The report took longer than {timeout:g} s.") from error
    except concurrent.futures.process.BrokenProcessPool:
        _discard_pool()
        raise
    return pdf


def cache_key(html: str) -> str:
    """Return the cache key of a report: a fingerprint of its HTML, which is built from its data alone."""
    return hashlib.sha256(html.encode()).hexdigest()


class ReportCache:
    """PDFs on disk, keyed by their HTML's fingerprint; shared by every worker of one site."""

    def __init__(self, directory: Path, keep: int = 200) -> None:
        self.directory = directory
        self.keep = keep

    def get(self, key: str) -> bytes | None:
        """Return a cached PDF, or None."""
        path = self.directory / f"{key}.pdf"
        return path.read_bytes() if path.exists() else None

    def put(self, key: str, pdf: bytes) -> None:
        """Store a PDF atomically and drop the oldest beyond `keep`."""
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.directory / f"{key}.{threading.get_ident()}.tmp"
        temporary.write_bytes(pdf)
        temporary.replace(self.directory / f"{key}.pdf")
        files = sorted(self.directory.glob("*.pdf"), key=lambda item: item.stat().st_mtime)
        for old in files[: max(0, len(files) - self.keep)]:
            old.unlink(missing_ok=True)
