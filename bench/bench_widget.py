"""Widget numbers of issue 5: bundle size (gzipped) and page load -> first bot message."""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List

from playwright.sync_api import sync_playwright

from bench.local_stack import local_stack
from runner import process as proc
from runner.services import web_server
from testing.browser import CHROMIUM_ARGS, chromium_executable
from testing.host_pages import HostPages, campaign_page
from testing.ports import free_port

BUNDLE = Path(__file__).resolve().parent.parent / "web" / "widget" / "dist" / "widget.js"
RUNS = 10
SIZE_TARGET_KB = 50
FIRST_MESSAGE_TARGET_MS = 1500
CAMPAIGN = "bench"


def first_message_ms(browser, url: str, warm_cache: bool) -> float:  # noqa: ANN001
    context = browser.new_context()
    # A returning visitor: consent was given before, the panel opens on load (data-open).
    context.add_init_script(
        f"localStorage.setItem('techniekwidget:{CAMPAIGN}:consent', '2026-01-01');")
    page = context.new_page()
    if warm_cache:
        page.goto(url)
        page.wait_for_function("() => window.techniekWidget && window.techniekWidget.firstBotAt",
                               timeout=30000)
        page.evaluate(f"localStorage.removeItem('techniekwidget:{CAMPAIGN}:session');"
                      f"localStorage.removeItem('techniekwidget:{CAMPAIGN}:transcript')")
    page.goto(url)
    page.wait_for_function("() => window.techniekWidget && window.techniekWidget.firstBotAt",
                           timeout=30000)
    value = float(page.evaluate("window.techniekWidget.firstBotAt"))
    context.close()
    return value


@contextmanager
def running_web_server() -> Iterator[str]:
    """BENCH_WEB_URL when given (an already running system), else a throwaway local one."""
    given = os.environ.get("BENCH_WEB_URL")
    if given:
        yield given.rstrip("/")
        return
    with local_stack() as stack:
        settings = dict(stack.settings)
        settings["WEB_PORT"] = str(free_port())
        settings["PUBLIC_BASE_URL"] = f"http://localhost:{settings['WEB_PORT']}"
        service = web_server(settings)
        web = proc.start(service, lambda _line: None)
        try:
            proc.wait_healthy(service, web, 60)
            yield f"http://127.0.0.1:{settings['WEB_PORT']}"
        finally:
            proc.stop([web])


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    if not BUNDLE.is_file():
        subprocess.run(["npm", "run", "build"], cwd=BUNDLE.parent.parent, check=True,
                       capture_output=True)
    raw = BUNDLE.read_bytes()
    gz_kb = len(gzip.compress(raw, 9)) / 1024
    rows = [
        "## Website widget (bench_widget)",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| `widget.js` size, minified (incl. socket.io-client 4) | {len(raw) / 1024:.1f} KB | |",
        f"| `widget.js` size, gzipped | {gz_kb:.1f} KB | <= {SIZE_TARGET_KB} KB "
        f"{'(met)' if gz_kb <= SIZE_TARGET_KB else '(MISSED)'} |",
    ]
    with running_web_server() as web_url:
        pages = HostPages(host="localhost")
        try:
            url = pages.add("/lp", campaign_page(f"{web_url}/widget.js", CAMPAIGN,
                                                 'data-open="true" data-sector="metaal"'))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                                     headless=True, args=CHROMIUM_ARGS)
                first_message_ms(browser, url, warm_cache=False)  # warm-up: Rasa, actions
                cold = [first_message_ms(browser, url, False) for _ in range(RUNS)]
                warm = [first_message_ms(browser, url, True) for _ in range(RUNS)]
                browser.close()
        finally:
            pages.close()
    for label, values in (("new browser context (empty cache)", cold),
                          ("cached bundle (returning visitor)", warm)):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        met = "(met)" if p95 <= FIRST_MESSAGE_TARGET_MS else "(MISSED)"
        rows.append(f"| page load -> first bot message, {label}: median / p95 of {RUNS} | "
                    f"{p50:.0f} / {p95:.0f} ms | <= {FIRST_MESSAGE_TARGET_MS} ms {met} |")
    rows += [
        "",
        "Headless Chromium on localhost; the page is on another origin than the web server; "
        "a new conversation each run (greeting through Rasa and the action server). Time is "
        "from navigation start to the first `bot_uttered` message in the widget, for a "
        "visitor who consented before (first-time visitors click consent first). "
        f"{os.cpu_count()} shared cores: other work on the machine adds noise.",
    ]
    print("\n".join(rows))


if __name__ == "__main__":
    main()
