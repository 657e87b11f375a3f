"""The stylesheet in a real browser, on every supported theme, light and dark.

Each theme builds the ``browser`` root once. Headless Chromium (Debian's
``/usr/bin/chromium``, driven by Playwright) then opens the article with the
OS colour scheme emulated light and dark, and with the theme's own switch set
to each of its positions where it has one. On every page: boxes and tag pills
are dark exactly when the theme shows a dark page, their text has at least
4.5:1 contrast, the console has no error, and no line of the previous/next
block starts with ":". Screenshots go to the pytest temporary directory.

The stylesheet checks that need no browser (which stylesheets each theme
gets, the two dark palettes agree) run everywhere.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

STATIC = Path(__file__).parents[1] / "src" / "sphinx_newsbrief" / "static"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme"]
#: theme -> (localStorage key of its own switch, the switch's positions)
SWITCHES: dict[str, tuple[str, tuple[str | None, ...]]] = {
    "alabaster": ("", (None,)),
    # furo.js: body[data-theme] = localStorage "theme" or "auto"
    "furo": ("theme", (None, "light", "dark")),
    # pydata-sphinx-theme.js: html[data-theme] = light/dark resolved from "mode"
    "pydata_sphinx_theme": ("mode", ("auto", "light", "dark")),
    "sphinx_book_theme": ("mode", ("auto", "light", "dark")),
}
MIN_CONTRAST = 4.5
DARK = 0.4  # relative luminance below this is a dark surface


# -- builds (shared by the tests of one theme) -------------------------------------


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``built(theme)`` -> output directory of the ``browser`` root for that theme."""
    from sphinx.testing.util import SphinxTestApp

    cache: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in cache:
            pytest.importorskip(theme if theme != "furo_child" else "furo")
            src = tmp_path_factory.mktemp(f"browser-{theme}") / "src"
            shutil.copytree(rootdir / "test-browser", src)
            app = SphinxTestApp(
                "html",
                srcdir=src,
                confoverrides={"html_theme": theme},
                status=StringIO(),
                warning=StringIO(),
            )
            try:
                app.build()
            finally:
                app.cleanup()
            cache[theme] = Path(app.outdir)
        return cache[theme]

    return build


def stylesheets(outdir: Path) -> list[str]:
    soup = BeautifulSoup((outdir / "lead.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [link.get("href", "") for link in soup.find_all("link", rel="stylesheet")]
    return [Path(h.split("?")[0]).name for h in hrefs if "newsbrief" in h]


@pytest.mark.parametrize(
    ("theme", "follows_os"),
    [
        ("alabaster", False),
        ("furo", True),
        ("furo_child", True),  # tests/roots/test-browser/_themes: inherits furo
        ("pydata_sphinx_theme", False),
        ("sphinx_book_theme", False),
    ],
)
def test_os_dark_stylesheet_only_where_the_theme_follows_the_os(
    built: Any, theme: str, follows_os: bool
) -> None:
    outdir = built(theme)
    expected = ["newsbrief.css"] + (["newsbrief-os-dark.css"] if follows_os else [])
    assert stylesheets(outdir) == expected
    for name in expected:
        assert (outdir / "_static" / name).is_file()


def _declarations(css: str, selector: str) -> dict[str, str]:
    """Custom properties set by the rule whose selector is ``selector``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert block, f"no rule {selector!r}"
    return dict(re.findall(r"(--nb-[\w-]+)\s*:\s*([^;]+);", block.group(1)))


def test_dark_palettes_agree_and_base_ignores_the_os_setting() -> None:
    base = (STATIC / "newsbrief.css").read_text(encoding="utf-8")
    os_dark = (STATIC / "newsbrief-os-dark.css").read_text(encoding="utf-8")
    light = _declarations(base, ":root")
    dark = _declarations(base, 'body[data-theme="dark"], html[data-theme="dark"]')
    assert set(dark) == set(light)
    assert _declarations(os_dark, 'body:not([data-theme="light"])') == dark
    assert "prefers-color-scheme" not in re.sub(r"/\*.*?\*/", "", base, flags=re.DOTALL)


# -- the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (`make browser` installs Debian's chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


#: Colours as the reader sees them: each element's background composited over
#: its ancestors' down to an opaque one (the canvas is white).
MEASURE = """() => {
  const rgba = (s) => {
    const m = s.match(/rgba?\\(([^)]*)\\)/);
    if (!m) return [0, 0, 0, 0];
    const v = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const ink = (el) => over(rgba(getComputedStyle(el).color), background(el));
  const pair = (what, el) => ({what, fg: ink(el), bg: background(el)});
  const main = document.querySelector("h1");
  const boxes = [...document.querySelectorAll("aside.nb-uncertainty")].map((box) => {
    const status = [...box.classList].find((c) => c.startsWith("nb-status-"));
    const title = box.querySelector(".admonition-title");
    const icon = box.querySelector(".nb-icon");
    return {
      status,
      bg: background(box),
      titleInTone: getComputedStyle(title).color === getComputedStyle(icon).backgroundColor,
      texts: [
        pair(status + " title", title),
        pair(status + " labels", box.querySelector("dl.nb-labels dd")),
        pair(status + " body", box.querySelector(":scope > p:not(.admonition-title)")),
      ],
    };
  });
  const pills = [...document.querySelectorAll(
    ".nb-article-header .nb-tag, .nb-claim-marker")].map((el) => pair(el.className, el));
  const nav = [...document.querySelectorAll(".nb-article-nav p")].map((p) => p.innerText);
  return {page: background(main), boxes, pills, nav,
          htmlTheme: document.documentElement.dataset.theme || "",
          bodyTheme: document.body.dataset.theme || ""};
}"""
NO_TRANSITIONS = "* { transition: none !important; animation: none !important; }"


def luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: list[float], bg: list[float]) -> float:
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Visit:
    theme: str
    scheme: str  # the OS colour scheme the browser reports
    switch: str | None  # the theme's own switch, as stored by its script

    @property
    def name(self) -> str:
        return f"{self.theme}-os_{self.scheme}-switch_{self.switch or 'unset'}"

    @property
    def expect_dark(self) -> bool:
        if self.theme == "alabaster":
            return False
        if self.switch in ("light", "dark"):
            return self.switch == "dark"
        return self.scheme == "dark"


def visit(browser: Any, outdir: Path, case: Visit, shots: Path) -> list[str]:
    """Open the article as ``case`` says; return what is wrong with it."""
    key = SWITCHES[case.theme][0]
    context = browser.new_context(color_scheme=case.scheme, viewport={"width": 1100, "height": 900})
    if case.switch is not None:
        context.add_init_script(f"localStorage.setItem({key!r}, {case.switch!r});")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"failed to load {req.url}"))
    try:
        page.goto((outdir / "lead.html").as_uri(), wait_until="load")
        page.add_style_tag(content=NO_TRANSITIONS)
        seen = page.evaluate(MEASURE)
        page.screenshot(path=str(shots / f"{case.name}.png"), full_page=True)
    finally:
        context.close()
    return [f"console error: {e}" for e in errors] + problems(case, seen)


def problems(case: Visit, seen: dict[str, Any]) -> list[str]:
    page_dark = luminance(seen["page"]) < DARK
    state = f"html[data-theme={seen['htmlTheme']!r}] body[data-theme={seen['bodyTheme']!r}]"
    found = []
    if page_dark != case.expect_dark:
        found.append(f"page is {'dark' if page_dark else 'light'} ({state}): the test is off")
    if len(seen["boxes"]) != 6 or not seen["pills"]:
        found.append(f"expected 6 boxes and some pills, saw {len(seen['boxes'])}")
    for box in seen["boxes"]:
        if (luminance(box["bg"]) < DARK) != page_dark:
            shade = "dark" if page_dark else "light"
            found.append(f"{box['status']} box {box['bg'][:3]} on a {shade} page ({state})")
        if not box["titleInTone"]:
            found.append(f"{box['status']} title is not in the status colour")
    texts = [t for box in seen["boxes"] for t in box["texts"]] + seen["pills"]
    for text in texts:
        ratio = contrast(text["fg"], text["bg"])
        if ratio < MIN_CONTRAST:
            colours = f"{text['fg'][:3]} on {text['bg'][:3]}"
            found.append(f"{text['what']}: contrast {ratio:.2f} ({colours})")
    if len(seen["nav"]) != 2:
        found.append(f"expected previous and next links, saw {seen['nav']!r}")
    found.extend(
        f"a nav line starts with ':': {para!r}"
        for para in seen["nav"]
        if any(line.strip().startswith(":") for line in para.splitlines())
    )
    return found


@pytest.mark.parametrize("theme", THEMES)
def test_boxes_follow_the_page_in_light_and_dark(
    browser: Any, built: Any, theme: str, tmp_path: Path
) -> None:
    outdir = built(theme)
    cases = [
        Visit(theme, scheme, switch)
        for scheme in ("light", "dark")
        for switch in SWITCHES[theme][1]
    ]
    report = {case.name: visit(browser, outdir, case, tmp_path) for case in cases}
    failures = {name: found for name, found in report.items() if found}
    assert not failures, f"screenshots in {tmp_path}\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in failures.items()
    )
