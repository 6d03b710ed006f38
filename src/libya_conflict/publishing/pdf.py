"""Print offline HTML briefings to A4 PDF with one local headless Chromium, shared by threads.

Playwright drives a Chromium found on this machine (``LIBYA_CONFLICT_CHROMIUM``, then
``chromium-headless-shell``, ``chromium``, ``google-chrome``... on PATH, then Playwright's own
download).
Pages are laid out at the width of the printable area of an A4 page, so charts drawn on screen
fit the paper as they are, and printing waits until every Plotly chart (and every map) has drawn.
Nothing is fetched from the network: any request that is not ``file:`` or ``data:`` is aborted.

One :class:`PdfPrinter` owns one browser and an event loop in a background thread; any thread
may call :meth:`PdfPrinter.print_pdf`, and several pages print at the same time.

"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from libya_conflict.errors import InputError, PdfError
from libya_conflict.files import temporary_prefix

ENV_CHROMIUM = "LIBYA_CONFLICT_CHROMIUM"


# The headless shell first: Chromium's own build for headless use (the one Playwright itself
# runs headless), which prints the same PDF as the full browser for about 1.3 CPU-seconds less
# per run (launch, warm-up, one briefing).
CANDIDATES = ("chromium-headless-shell", "chrome-headless-shell", "chromium", "chromium-browser",
              "google-chrome", "google-chrome-stable")


# 186 mm of printable width (A4 less 12 mm margins) at 96 px per inch is 703 px.
# Seconds Chromium may take to start (and load the warm-up page).
START_TIMEOUT = 60.0
VIEWPORT = {"width": 700, "height": 990}
MARGINS = {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}


# Quiet, offline Chromium: no update checks, sync, first-run pages or QUIC probes.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-dev-shm-usage"]
FOOTER = ('<div style="width:100%;font-size:8px;color:#666;text-align:center;'
          'font-family:sans-serif"><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></div>')


# True once every chart has its SVG and every map its land and country paths.
CHARTS_DRAWN = """() => {
  const charts = Array.from(document.querySelectorAll('.plotly-graph-div'));
  if (charts.length && typeof window.Plotly === 'undefined') return false;
  return charts.every((div) => {
    if (!div.querySelector('.main-svg')) return false;
    const isMap = (div.data || []).some((t) => t.type === 'scattergeo' || t.type === 'choropleth');
    return !isMap || div.querySelectorAll('.geolayer path[d]').length > 0;
  });
}"""


def find_chromium() -> str | None:
    """Return the Chromium executable to use, or None for Playwright's own browser.

    Returns
    -------
    str or None
        ``$LIBYA_CONFLICT_CHROMIUM`` if set (it must exist), else the first of
        :data:`CANDIDATES` found on PATH (``chromium-headless-shell`` before ``chromium``).

    Raises
    ------
    InputError
        When ``LIBYA_CONFLICT_CHROMIUM`` names no executable file.

    """
    configured = os.environ.get(ENV_CHROMIUM, "").strip()
    if configured:
        path = shutil.which(configured) or configured
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            raise InputError(configured, f"{ENV_CHROMIUM} names no executable Chromium; "
                             "expected the path of chromium or google-chrome")
        return path
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class PdfPrinter:
    """One headless Chromium printing pages to PDF, reusable across many briefings.

    Parameters
    ----------
    executable : str, optional
        Chromium to run; default :func:`find_chromium`.
    timeout : float
        Seconds allowed for one page to load, draw its charts and print.
    warm_page : str, optional
        HTML of a page loaded once while the browser starts, in the background (see
        :func:`libya_conflict.publishing.plotlyjs.warm_page`). Chromium compiles plotly.js
        (1.5 MB) in ~0.4 s and its drawing code on the first chart; it keeps that compiled code
        for pages that load the same script file, so that every briefing prints as fast as a
        second one.
    nice : int
        Lower the CPU priority of the browser and of Playwright's driver by this much (Linux,
        where they inherit it from the printer's thread; ignored elsewhere). A single build
        starts the browser while its notebook runs; the notebook is what the PDF waits for, and
        should get the CPU first.

    Examples
    --------
    >>> with PdfPrinter() as printer:                      # doctest: +SKIP
    ...     pdf_bytes = printer.print_pdf(Path("reports/x/y.print.html"))

    """

    def __init__(self, executable: str | None = None, timeout: float = 60.0,
                 warm_page: str | None = None, nice: int = 0) -> None:
        self.executable = executable if executable is not None else find_chromium()
        self.timeout = timeout
        self.warm_page = warm_page
        self.nice = nice
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="pdf-printer", daemon=True)
        self._thread.start()
        self._ready: Future | None = None
        self._start_lock = threading.Lock()
        self._closed = False

    def _run_loop(self) -> None:
        # On Linux a thread has its own nice value, and the processes it starts inherit it:
        # this one starts Playwright's driver, which starts Chromium.
        if self.nice and sys.platform.startswith("linux"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, 0, os.getpriority(os.PRIO_PROCESS, 0) + self.nice)
        self._loop.run_forever()

    def start(self) -> PdfPrinter:
        """Launch the browser in the background now (it takes ~1 s); return at once."""
        with self._start_lock:
            if self._closed:
                raise PdfError("the PDF printer is closed")
            if self._ready is None:
                self._ready = asyncio.run_coroutine_threadsafe(self._launch(), self._loop)
        return self

    async def _launch(self) -> _Browser:
        from playwright.async_api import async_playwright

        playwright = await async_playwright().start()
        try:
            browser = await playwright.chromium.launch(
                executable_path=self.executable, args=CHROMIUM_ARGS, headless=True)
            context = await browser.new_context(viewport=VIEWPORT)
            await context.route("**/*", _offline_only)
        except Exception:
            await playwright.stop()
            raise
        state = _Browser(playwright, browser, context)
        if self.warm_page:
            await state.warm(self.warm_page)
        return state

    def _browser_or_raise(self) -> _Browser:
        self.start()
        try:
            # Starting Chromium (and warming it up) is not a page: on a loaded machine it takes
            # longer than a short page timeout allows.
            return self._ready.result(timeout=max(self.timeout, START_TIMEOUT))
        except Exception as exc:
            where = self.executable or "Playwright's Chromium"
            raise PdfError(f"cannot start Chromium ({where}): {exc}; install Debian's "
                           f"chromium-headless-shell or chromium package, or set {ENV_CHROMIUM}, "
                           "or run `python -m playwright install chromium`") from exc

    def print_pdf(self, html: Path) -> bytes:
        """Print a local HTML file to A4 PDF and return the PDF's bytes.

        Parameters
        ----------
        html : Path
            A self-contained page (its name must end in ``.html``).

        Returns
        -------
        bytes
            The PDF document.

        Raises
        ------
        PdfError
            When the page does not load, logs a JavaScript error, a chart does not draw or
            printing times out.

        """
        state = self._browser_or_raise()
        future = asyncio.run_coroutine_threadsafe(state.print(Path(html), self.timeout),
                                                  self._loop)
        try:
            return future.result(timeout=self.timeout + 5)
        except PdfError:
            raise
        except Exception as exc:
            future.cancel()
            raise PdfError(f"{html}: printing to PDF failed: {exc}") from exc

    def close(self) -> None:
        """Close the browser and stop the background thread (safe to call twice)."""
        with self._start_lock:
            if self._closed:
                return
            self._closed = True
            ready = self._ready
        if ready is not None:
            asyncio.run_coroutine_threadsafe(_shutdown(ready), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> PdfPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def print_page(printer: PdfPrinter, html: str, folder: Path, stem: str) -> bytes:
    """Print the HTML text of a page to PDF through a temporary file in ``folder``.

    Chromium prints files, not strings: the page is written to ``folder`` (created if needed)
    under a name that says whose it is (``.STEM.lc-PID-START@HOST.XXXX.print.html``, so a later
    run can remove it if this one is killed), printed, and removed.

    Parameters
    ----------
    printer : PdfPrinter
        The browser to print with.
    html : str
        The page (the print twin of a report, see
        :func:`libya_conflict.publishing.html_export.export_pages`).
    folder : Path
        Where the temporary page lives while it prints.
    stem : str
        The start of its name (the report's name).

    Returns
    -------
    bytes
        The PDF document.

    """
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=temporary_prefix(stem), suffix=".print.html", dir=folder)
    os.close(fd)
    page = Path(name)
    try:
        page.write_text(html, encoding="utf-8")
        return printer.print_pdf(page)
    finally:
        page.unlink(missing_ok=True)


class _Browser:
    """The browser, its one offline context and a pool of pages (lives in the printer loop)."""

    def __init__(self, playwright: Any, browser: Any, context: Any) -> None:
        self.playwright, self.browser, self.context = playwright, browser, context
        self.idle: list[Any] = []
        self.errors: dict[Any, list[str]] = {}

    async def page(self) -> Any:
        # Pages are reused: a new document resets all script state, and a page that already
        # ran plotly.js finds its compiled code at once.
        if self.idle:
            return self.idle.pop()
        page = await self.context.new_page()
        self.errors[page] = errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        return page

    async def warm(self, html: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix="libya-conflict-warm-"))
        try:
            warm = folder / "warm.html"
            warm.write_text(html, encoding="utf-8")
            page = await self.page()
            try:
                await page.goto(warm.as_uri(), wait_until="load")
                await page.wait_for_function(CHARTS_DRAWN, timeout=30_000, polling="raf")
            except Exception:  # only a head start: a page that fails here is not reused
                await page.close()
                self.errors.pop(page, None)
                return
            self.idle.append(page)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    async def print(self, html: Path, timeout: float) -> bytes:
        page = await self.page()
        errors = self.errors[page]
        errors.clear()
        try:
            await page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout * 1000)
            try:
                await page.wait_for_function(CHARTS_DRAWN, timeout=timeout * 1000, polling=50)
            except Exception as exc:
                raise PdfError(f"{html}: charts did not draw within {timeout:.0f} s"
                               + _errors_text(errors)) from exc
            if errors:
                raise PdfError(f"{html}: the page logged JavaScript errors" + _errors_text(errors))
            pdf = await page.pdf(format="A4", print_background=True, margin=MARGINS,
                                 display_header_footer=True, header_template="<span></span>",
                                 footer_template=FOOTER)
        except BaseException:
            await page.close()  # a page in an unknown state is not reused
            self.errors.pop(page, None)
            raise
        self.idle.append(page)
        return pdf

    async def close(self) -> None:
        await self.context.close()
        await self.browser.close()
        await self.playwright.stop()


def _errors_text(errors: list[str]) -> str:
    return f" (page errors: {'; '.join(errors[:3])})" if errors else ""


async def _offline_only(route: Any) -> None:
    # Reports are self-contained: a request for anything but a local file is a bug, and must
    # not leave the machine (nor wait for a network timeout).
    if route.request.url.startswith(("file:", "data:")):
        await route.continue_()
    else:
        await route.abort()


async def _shutdown(ready: Future) -> None:
    try:
        state = await asyncio.wrap_future(ready)
    except Exception:  # the launch failed: nothing to close
        return
    await state.close()
