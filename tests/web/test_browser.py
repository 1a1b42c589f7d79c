"""The sample's Local Account web page in a real browser: headless Chromium (Debian's chromium package, at
/usr/bin/chromium unless CHROMIUM_PATH names another) driven by Playwright, checked by axe-core at WCAG 2.2 AA,
at 320 CSS px (reflow), for requests leaving the page, for the keyboard's order and the charts as the
accessibility tree exposes them.

The tests fail, never skip, when Chromium is missing: CI installs it (setup.sh --test). Deselect them with
``-m "not browser"``. Screenshots of the page at 1280 and 320 px are written to the test's temporary folder
(``SCREENSHOTS`` names a folder to keep them in).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request, expect, sync_playwright

from helpers.documents import EN, planned
from scrutinyreport.analysis import analyse
from scrutinyreport.content.charts import BarChart, LineChart
from scrutinyreport.content.local_account import local_account
from scrutinyreport.loading import load_inputs
from scrutinyreport.web.local_account import FIGURES, OUTPUT, build_local_account_page
from scrutinyreport.web.svg import chart_id

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--disable-extensions"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample's page and its figures CSV, written to a folder as generate writes them."""
    analysis = analyse(load_inputs(ROOT / "inputs"))
    content = local_account(analysis, planned(analysis, ("local-account-",)), EN)
    html, data = build_local_account_page(content)
    folder = tmp_path_factory.mktemp("site")
    (folder / OUTPUT).write_bytes(html)
    assert data is not None
    (folder / FIGURES).write_bytes(data)
    charts = [p.figure for p in content.pictures]
    return {"path": folder / OUTPUT, "title": content.fields["title"],
            "charts": [c for c in charts if isinstance(c, (LineChart, BarChart))]}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium package (sh setup.sh --test), set "
                    "CHROMIUM_PATH, or deselect these tests with -m 'not browser'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Opened:
    """A tab showing the page, with every request it made."""

    def __init__(self, page: Page, requests: list[str]) -> None:
        self.page, self.requests = page, requests


def open_page(browser: Browser, path: Path, width: int) -> Opened:
    """The page in a fresh context at ``width`` CSS px; every request but the page's own is refused."""
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    requests: list[str] = []
    url = path.as_uri()

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.goto(url)
    return Opened(page, requests)


@pytest.fixture(params=[1280, 320], ids=["1280px", "320px"])
def opened(request: pytest.FixtureRequest, browser: Browser, site: dict[str, Any]) -> Iterator[Opened]:
    result = open_page(browser, site["path"], request.param)
    yield result
    result.page.context.close()


def open_all_details(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
                     for v in violations)


@pytest.mark.parametrize("details_open", [False, True], ids=["details-closed", "details-open"])
def test_axe_finds_no_wcag_22_aa_violations(opened: Opened, details_open: bool) -> None:
    """axe checks only what is shown, so the data tables in <details> are checked open as well."""
    if details_open:
        open_all_details(opened.page)
    violations = axe_violations(opened.page)
    assert not violations, describe(violations)


def test_axe_finds_faults_in_a_page_broken_on_purpose(browser: Browser, site: dict[str, Any]) -> None:
    """The check above means something: the page without its language, a chart without its name and a link
    without words gives those violations."""
    opened = open_page(browser, site["path"], 1280)
    try:
        opened.page.evaluate("""() => { document.documentElement.removeAttribute('lang');
            const svg = document.querySelector('svg'); svg.removeAttribute('aria-labelledby');
            svg.querySelector('title').remove(); document.querySelector('.contents a').textContent = ''; }""")
        found = {v["id"] for v in axe_violations(opened.page)}
        assert {"html-has-lang", "svg-img-alt", "link-name"} <= found, found
    finally:
        opened.page.context.close()


def test_the_page_reflows_at_320_px_without_sideways_scrolling(browser: Browser, site: dict[str, Any]) -> None:
    opened = open_page(browser, site["path"], 320)
    page = opened.page
    try:
        for details in (False, True):
            if details:
                open_all_details(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            assert page.evaluate("Math.max(...[...document.querySelectorAll('svg, table, p, h1, h2, h3, li')]"
                                 ".map(e => e.getBoundingClientRect().right))") <= 320
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"   # the styles apply (CSP)
    finally:
        page.context.close()


def test_no_request_leaves_the_page(browser: Browser, site: dict[str, Any]) -> None:
    """With every details open, printed and scrolled to the end, the page asked for nothing but itself, and
    the content security policy refused nothing (nothing needed refusing)."""
    opened = open_page(browser, site["path"], 1280)
    page = opened.page
    try:
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        open_all_details(page)
        page.emulate_media(media="print")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.emulate_media(media="screen")
        assert opened.requests == [site["path"].as_uri()]
        assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "19px"
    finally:
        page.context.close()


FOCUSABLE = 'a[href], summary, [tabindex]:not([tabindex="-1"]), button, input, select, textarea'
FOCUSABLE_JS = f"""() => [...document.querySelectorAll('{FOCUSABLE}')]
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .filter(e => {{ const closed = e.closest('details:not([open])');
                   return !closed || e.parentElement === closed && e.tagName === 'SUMMARY'; }})
    .map(e => e.outerHTML.slice(0, 120))"""
ACTIVE_JS = """() => { const e = document.activeElement; const s = getComputedStyle(e);
    return {html: e === document.body ? 'BODY' : e.outerHTML.slice(0, 120), outline: s.outlineStyle,
            outlineColor: s.outlineColor, shadow: s.boxShadow}; }"""


def test_the_keyboard_goes_in_document_order_and_focus_is_visible(opened: Opened) -> None:
    """Tab from the top: the skip link first, then every link, summary and scrollable table in the order
    they are read, each with a visible focus style; past the last, focus leaves the page (no trap)."""
    page = opened.page
    expected: list[str] = page.evaluate(FOCUSABLE_JS)
    assert expected[0].startswith('<a class="skip-link"')
    seen = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_JS)
        seen.append(active["html"])
        if active["html"] != "BODY" and len(seen) <= len(expected):
            assert active["shadow"] != "none" or active["outlineColor"] != "rgba(0, 0, 0, 0)", active
    assert seen[:len(expected)] == expected
    assert seen[len(expected)] not in expected[1:], "focus is trapped: it went back into the page"


def test_the_skip_link_moves_to_the_main_content(opened: Opened) -> None:
    page = opened.page
    page.keyboard.press("Tab")
    link = page.locator(".skip-link")
    expect(link).to_be_focused()
    box = link.bounding_box()
    assert box is not None and box["width"] > 100
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def test_every_chart_is_one_image_named_by_its_alt_text(browser: Browser, site: dict[str, Any]) -> None:
    """As Playwright finds it by role, and in Chromium's own accessibility tree: an image with the Word
    copy's alt text as its name and the long description as its description, nothing inside it exposed;
    the figure named by its caption."""
    opened = open_page(browser, site["path"], 1280)
    page = opened.page
    try:
        assert page.locator("svg").count() == len(site["charts"])
        for chart in site["charts"]:
            image = page.get_by_role("img", name=chart.alt_text, exact=True)
            expect(image).to_have_count(1)
            expect(image).to_have_accessible_description(chart.description)
            expect(page.locator(f"#figure-{chart_id(chart)}")).to_have_accessible_name(re.compile(r"^Figure \d+: "))
        session = page.context.new_cdp_session(page)
        session.send("Accessibility.enable")
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
        by_id = {node["nodeId"]: node for node in nodes}
        images = {node["name"]["value"]: node for node in nodes if node.get("role", {}).get("value") == "image"}
        for chart in site["charts"]:
            node = images[chart.alt_text]
            assert node["description"]["value"] == chart.description
            stack = list(node.get("childIds", []))
            while stack:
                child = by_id[stack.pop()]
                assert child.get("ignored") or not child.get("name", {}).get("value"), child
                stack.extend(child.get("childIds", []))
    finally:
        page.context.close()


def test_headings_tables_and_print(browser: Browser, site: dict[str, Any]) -> None:
    """One h1 (the title) and no level skipped; every table captioned with column and row headers; in print,
    every chart's data table shows and the skip link does not."""
    opened = open_page(browser, site["path"], 1280)
    page = opened.page
    try:
        levels: list[int] = page.evaluate(
            "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))")
        assert levels.count(1) == 1 and levels[0] == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
        expect(page.get_by_role("heading", level=1)).to_have_text(site["title"])
        tables = page.locator("table")
        for i in range(tables.count()):
            table = tables.nth(i)
            expect(table.locator("caption")).to_have_count(1)
            assert table.locator("th[scope=col]").count() >= 2 and table.locator("th[scope=row]").count() >= 1
        data = page.locator("details table")
        assert data.count() == len(site["charts"])
        expect(data.first).to_be_hidden()
        page.emulate_media(media="print")
        for i in range(data.count()):
            expect(data.nth(i)).to_be_visible()
        expect(page.locator(".skip-link")).to_be_hidden()
        assert page.pdf()[:4] == b"%PDF"
    finally:
        page.context.close()


def test_screenshots_at_1280_and_320_px(browser: Browser, site: dict[str, Any], tmp_path: Path) -> None:
    """Full-page screenshots to look at (kept in SCREENSHOTS when it names a folder)."""
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 320):
        opened = open_page(browser, site["path"], width)
        path = folder / f"local-account-{width}.png"
        opened.page.screenshot(path=str(path), full_page=True)
        opened.page.context.close()
        assert path.stat().st_size > 10_000


def test_a_browser_check_takes_seconds(browser: Browser, site: dict[str, Any]) -> None:
    """Opening the page and one axe run at 320 px, together."""
    start = time.perf_counter()
    opened = open_page(browser, site["path"], 320)
    axe_violations(opened.page)
    opened.page.context.close()
    assert time.perf_counter() - start < 20
