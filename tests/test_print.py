"""The demo in a real browser: printed to PDF, and on a phone-sized screen.

The demo is built once per theme (alabaster, furo, pydata-sphinx-theme,
sphinx-book-theme) into a temporary directory, with one external link added
to the lead brief so that printing its URL can be checked. Headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright, as in test_browser.py)
then

- prints the lead brief to PDF with the print media type, in the theme's dark
  mode too, and ``pdftotext`` reads it back: the brief is all there
  (headline, dateline, box labels, the reactions table, the URL after the
  external link) and the theme's sidebar, search, header and footer are not;
  the printed colours are dark text on a light page, and the comment box is
  left out;
- opens the lead brief, the index and a tag page at 375 px wide in every
  light/dark combination (OS preference and the theme's own switch): no
  console error, no horizontal scroll, reaction cards as wide as the text,
  boxes as light or dark as the page with readable text.

Third-party scripts (the demo's comment embed) are answered with an empty
script, so the pages load offline.

Screenshots and PDFs go to the pytest temporary directory. With
``NEWSBRIEF_README_SHOTS=1`` the README's two article screenshots are written
to docs/ as well (furo, lead brief, 1000x800, light and dark).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import test_browser
from helpers import copy_demo
from test_browser import (
    DARK,
    MEASURE,
    MIN_CONTRAST,
    NO_TRANSITIONS,
    SWITCHES,
    THEMES,
    Visit,
    contrast,
    luminance,
)

#: headless Chromium, one per module (the fixture of test_browser.py)
browser = test_browser.browser

DOCS = Path(__file__).parents[1] / "docs"
LEAD = "briefs/2025-06-21-north-korea-iran-support"
PAGES = {"lead": LEAD, "index": "index", "tag": "tags/north-korea"}
EXTERNAL = "https://example.org/statement"
#: a paragraph with an external link, added to the lead brief before its last note
LINK_PARAGRAPH = f"\nThe desk's earlier note is [online]({EXTERNAL}).\n\n"
#: the demo's sidebars are furo's; the other themes get their own defaults
SIDEBARS: dict[str, dict[str, list[str]]] = {
    "alabaster": {
        "**": ["about.html", "searchfield.html", "navigation.html", "newsbrief/sidebar-nav.html"]
    },
    "pydata_sphinx_theme": {},
    "sphinx_book_theme": {},
}


# -- the demo, built once per theme ---------------------------------------------------


def build_demo(theme: str, dest: Path) -> Path:
    """Build the demo with ``theme`` under ``dest``; return the output directory."""
    from sphinx.testing.util import SphinxTestApp

    src = copy_demo(dest / "src")
    lead = src / f"{LEAD}.md"
    text = lead.read_text(encoding="utf-8")
    at = text.rindex(":::{note}")
    lead.write_text(text[:at] + LINK_PARAGRAPH + text[at:], encoding="utf-8")
    overrides: dict[str, Any] = {"html_theme": theme}
    if theme in SIDEBARS:
        overrides |= {"html_sidebars": SIDEBARS[theme], "html_theme_options": {}}
    app = SphinxTestApp(
        "html", srcdir=src, confoverrides=overrides, status=StringIO(), warning=StringIO()
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``site(theme)`` -> output directory of the demo built with that theme."""
    cache: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in cache:
            pytest.importorskip(theme)
            cache[theme] = build_demo(theme, tmp_path_factory.mktemp(f"demo-{theme}"))
        return cache[theme]

    return build


def open_page(browser: Any, case: Visit, url: str, viewport: dict[str, int]) -> Any:
    """A page at ``url`` as ``case`` says (OS scheme, theme switch), and its errors."""
    key = SWITCHES[case.theme][0]
    context = browser.new_context(color_scheme=case.scheme, viewport=viewport)
    if case.switch is not None:
        context.add_init_script(f"localStorage.setItem({key!r}, {case.switch!r});")
    # offline and deterministic: third-party scripts (the comment embed) load as empty ones
    context.route(
        re.compile(r"^https?://"),
        lambda route: route.fulfill(body="", content_type="text/javascript"),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"failed to load {req.url}"))
    page.goto(url, wait_until="load")
    page.add_style_tag(content=NO_TRANSITIONS)
    return context, page, errors


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, whitespace collapsed."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


# -- print -------------------------------------------------------------------------------

#: each theme's own furniture (sidebars, bars, search, switches, footers, back-to-top)
FURNITURE = {
    "alabaster": "div.sphinxsidebar, div.related, div.footer",
    "furo": ".skip-to-content, .mobile-header, .sidebar-drawer, .toc-drawer, "
    ".content-icon-container, .related-pages, .bottom-of-page, .back-to-top",
    "pydata_sphinx_theme": ".skip-link, #pst-back-to-top, .bd-header, .bd-sidebar-primary, "
    ".bd-header-article, .bd-sidebar-secondary, .prev-next-footer, .bd-footer-content, .bd-footer",
}
FURNITURE["sphinx_book_theme"] = FURNITURE["pydata_sphinx_theme"] + ", #jb-print-toc"
#: what the theme shows around every page, whatever its markup
CHROME_WORDS = ["Guide", "Search", "Copyright", "Sphinx", "Back to top", "Skip to", "Contents"]
#: in the brief, in this order
BRIEF = [
    "North Korea reportedly pledges military support to Iran",
    "SEOUL — 21 June 2025",
    "By Newsbrief desk",
    "Expected reactions to the reported pledge",
    "Actor",
    "Condemn (expected)",
    "No comment (expected)",
    "Status: Unconfirmed",
    "Likelihood: Roughly even chance (45\N{EN DASH}55 %)",
    "Status: Denied",
    "Status: Speculative",
    f"online ({EXTERNAL})",
    "Previous article",
]
#: text at the start and at the end of each box and of the table: each pair on one page
WHOLE = [
    ("Expected reactions to the reported pledge", "No comment (expected)"),
    ("The pledge itself", "scale of any support are unknown."),
    ("Foreign troops in Iran", "reaching scenarios above."),
    ("Forms of support listed in this brief", "not findings about this case."),
]
#: text colours on paper: headline, body text, the external link, the dateline
INKS = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const ext = document.querySelector('a[href^="http"]:not(.headerlink)');
  const els = {headline: [...document.querySelectorAll("h1")].find((h) => h.offsetParent),
               text: document.querySelector(".nb-article-header ~ p"),
               link: ext, dateline: document.querySelector(".nb-article-header")};
  const ink = ([k, el]) => [k, el && rgb(getComputedStyle(el).color)];
  return Object.fromEntries(Object.entries(els).map(ink));
}"""
#: the furniture's text lines that are not also the article's
FURNITURE_LINES = """(selector) => {
  const article = document.querySelector("article, div.body, [role=main]").textContent;
  const lines = [...document.querySelectorAll(selector)]
    .flatMap((el) => el.textContent.split("\\n")).map((l) => l.trim());
  return [...new Set(lines.filter((l) => l.length > 3 && !article.includes(l)))];
}"""

#: the text of the comment box, if the page has one
COMMENT_LINES = """() => [...document.querySelectorAll(".nb-comments")]
  .flatMap((el) => el.textContent.split("\\n")).map((l) => l.trim()).filter((l) => l.length > 3)"""


def print_lead(browser: Any, outdir: Path, case: Visit, pdf: Path, **paper: Any) -> dict[str, Any]:
    """Print the lead brief to ``pdf``; what the page showed while printing."""
    context, page, errors = open_page(
        browser, case, (outdir / f"{LEAD}.html").as_uri(), {"width": 1200, "height": 900}
    )
    try:
        page.emulate_media(media="print")
        seen = {
            "errors": errors,
            "measure": page.evaluate(MEASURE),
            "inks": page.evaluate(INKS),
            "furniture": page.evaluate(FURNITURE_LINES, FURNITURE[case.theme]),
            "comments": page.evaluate(COMMENT_LINES),
        }
        page.pdf(path=str(pdf), **paper)
    finally:
        context.close()
    return seen


def paper_problems(seen: dict[str, Any]) -> list[str]:
    """Colours that would not print as dark text on a light page."""
    found = [f"console error: {e}" for e in seen["errors"]]
    white = [255.0, 255.0, 255.0]
    measure = seen["measure"]
    if luminance(measure["page"]) < DARK:
        found.append(f"page background {measure['page'][:3]} is dark")
    found += [
        f"{box['status']} box background {box['bg'][:3]} is dark"
        for box in measure["boxes"]
        if luminance(box["bg"]) < DARK
    ]
    texts = [t for box in measure["boxes"] for t in box["texts"]] + measure["pills"]
    found += [
        f"{text['what']}: {text['fg'][:3]} on {text['bg'][:3]}"
        for text in texts
        if contrast(text["fg"], text["bg"]) < MIN_CONTRAST
    ]
    for what, ink in seen["inks"].items():
        if ink is None:
            found.append(f"no {what} on the page")
        elif contrast(ink, white) < MIN_CONTRAST:
            found.append(f"{what} colour {ink} is too light for paper")
    return found


def text_problems(pages: list[str], furniture: list[str], comments: list[str]) -> list[str]:
    """What is missing from the printed brief, or printed though it is the theme's."""
    text = " ".join(pages)
    found = [f"missing {want!r}" for want in BRIEF if want not in text]
    at = [text.find(want) for want in BRIEF if want in text]
    if at != sorted(at):
        found.append("the brief's parts are out of order")
    for first, last in WHOLE:
        if not any(first in page and last in page for page in pages):
            found.append(f"{first!r} is split across pages")
    found += [f"printed the theme's {word!r}" for word in CHROME_WORDS if word in text]
    found += [f"printed the theme's {line!r}" for line in furniture if line in text]
    found += [f"printed the comment box: {line!r}" for line in comments if line in text]
    if ".html)" in text or "(#" in text:
        found.append("a URL printed after an internal link")
    return found


#: paper sizes: A4, and a page as wide as a desktop screen, where the themes show their sidebars
PAPERS = {"a4": {"format": "A4"}, "wide": {"width": "1300px", "height": "1800px"}}


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_printed_brief_is_clean(browser: Any, site: Any, theme: str, tmp_path: Path) -> None:
    """Print the lead brief: light on A4 and on wide paper, dark (the theme's switch) on A4."""
    outdir = site(theme)
    light, dark = SWITCHES[theme][1][0], SWITCHES[theme][1][-1]
    runs = [
        (Visit(theme, "light", light), "a4"),
        (Visit(theme, "light", light), "wide"),
        (Visit(theme, "dark", dark), "a4"),
    ]
    report: dict[str, list[str]] = {}
    for case, paper in runs:
        pdf = tmp_path / f"{case.name}-{paper}.pdf"
        seen = print_lead(browser, outdir, case, pdf, **PAPERS[paper])
        found = paper_problems(seen) + text_problems(
            page_texts(pdf), seen["furniture"], seen["comments"]
        )
        if not seen["comments"]:
            found.append("the lead brief has no comment box (the demo turns it on)")
        report[pdf.name] = found
    failures = {name: found for name, found in report.items() if found}
    assert not failures, f"PDFs in {tmp_path}\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in failures.items()
    )


def test_print_palette_is_the_light_one() -> None:
    """Paper gets the light colours: the print block repeats :root exactly."""
    css = (test_browser.STATIC / "newsbrief.css").read_text(encoding="utf-8")
    printed = test_browser._declarations(css[css.index("/* print:") :], "html, body")
    light = test_browser._declarations(css, ":root")
    assert {
        name: value.replace("!important", "").strip() for name, value in printed.items()
    } == light


# -- on a phone, light and dark -----------------------------------------------------------

PHONE = {"width": 375, "height": 800}
#: page width beyond the viewport; reaction cards narrower than the text column
SCREEN = """() => ({
  overflow: document.scrollingElement.scrollWidth - window.innerWidth,
  cramped: [...document.querySelectorAll("table.nb-reactions caption, table.nb-reactions tbody tr")]
    .filter((el) => el.offsetWidth < 0.9 * el.closest("table").parentElement.clientWidth - 40)
    .map((el) => el.tagName.toLowerCase() + " " + el.offsetWidth + " px"),
  wide: [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1
                    && getComputedStyle(el).position !== "fixed")
    .slice(0, 3).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".")),
})"""


def screen_problems(browser: Any, outdir: Path, case: Visit, shots: Path) -> list[str]:
    """Open each page at 375 px as ``case`` says; what is wrong with it."""
    found = []
    urls = {name: (outdir / f"{docname}.html").as_uri() for name, docname in PAGES.items()}
    context, page, errors = open_page(browser, case, urls["lead"], PHONE)
    try:
        for name, url in urls.items():
            if name != "lead":
                page.goto(url, wait_until="load")
                page.add_style_tag(content=NO_TRANSITIONS)
            seen = page.evaluate(SCREEN)
            if seen["overflow"] > 1:
                found.append(f"{name}: scrolls sideways by {seen['overflow']} px ({seen['wide']})")
            if seen["cramped"]:
                found.append(f"{name}: reactions narrower than the page: {seen['cramped']}")
            if name == "lead":
                found += [f"{name}: {p}" for p in box_problems(case, page.evaluate(MEASURE))]
            page.screenshot(path=str(shots / f"{case.name}-{name}.png"), full_page=name == "lead")
            found += [f"{name}: console error: {e}" for e in errors]
            errors.clear()
    finally:
        context.close()
    return found


def box_problems(case: Visit, measure: dict[str, Any]) -> list[str]:
    """Boxes as light or dark as the page, their text readable."""
    page_dark = luminance(measure["page"]) < DARK
    found = [] if page_dark == case.expect_dark else ["the page is not in the expected mode"]
    if len(measure["boxes"]) != 3:
        found.append(f"expected the lead brief's 3 boxes, saw {len(measure['boxes'])}")
    shade = "dark" if page_dark else "light"
    found += [
        f"{box['status']} box {box['bg'][:3]} on a {shade} page"
        for box in measure["boxes"]
        if (luminance(box["bg"]) < DARK) != page_dark
    ]
    texts = [t for box in measure["boxes"] for t in box["texts"]] + measure["pills"]
    found += [
        f"{text['what']}: contrast {contrast(text['fg'], text['bg']):.2f}"
        for text in texts
        if contrast(text["fg"], text["bg"]) < MIN_CONTRAST
    ]
    return found


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_pages_fit_a_phone_in_light_and_dark(
    browser: Any, site: Any, theme: str, tmp_path: Path
) -> None:
    outdir = site(theme)
    cases = [
        Visit(theme, scheme, switch)
        for scheme in ("light", "dark")
        for switch in SWITCHES[theme][1]
    ]
    report = {case.name: screen_problems(browser, outdir, case, tmp_path) for case in cases}
    failures = {name: found for name, found in report.items() if found}
    assert not failures, f"screenshots in {tmp_path}\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in failures.items()
    )


@pytest.mark.browser
def test_readme_screenshots(browser: Any, site: Any, tmp_path: Path) -> None:
    """The lead brief on furo at 1000x800, light and dark; copied to docs/ on request."""
    outdir = site("furo")
    for mode in ("light", "dark"):
        shot = tmp_path / f"screenshot-article-{mode}.png"
        context, page, errors = open_page(
            browser,
            Visit("furo", mode, mode),
            (outdir / f"{LEAD}.html").as_uri(),
            {"width": 1000, "height": 800},
        )
        try:
            body_theme = page.evaluate("document.body.dataset.theme")
            page.screenshot(path=str(shot))
        finally:
            context.close()
        assert (errors, body_theme) == ([], mode)
        if os.environ.get("NEWSBRIEF_README_SHOTS"):
            shutil.copyfile(shot, DOCS / shot.name)
