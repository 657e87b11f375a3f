"""The comments embed (``newsbrief_comments``): giscus or utterances under each article.

The ``comments`` root has an ordinary page, two articles that take comments
(``lead`` ends with a footnote), and two with ``comments: false`` (MyST front
matter and rST docinfo). Each test sets ``newsbrief_comments`` itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import build, copy_demo, copy_root, html, main, newsbrief_warnings

GISCUS = {
    "provider": "giscus",
    "repo": "example/newsbrief-comments",
    "repo-id": "R_kgDOexample",
    "category": "Comments",
    "category-id": "DIC_kwDOexample",
}
UTTERANCES = {"provider": "utterances", "repo": "example/newsbrief-comments"}
GISCUS_ATTRIBUTES = {
    # inert until the theme follower starts a copy with the page's theme
    "type": "text/x-newsbrief-comments",
    "src": "https://giscus.app/client.js",
    "data-repo": "example/newsbrief-comments",
    "data-repo-id": "R_kgDOexample",
    "data-category": "Comments",
    "data-category-id": "DIC_kwDOexample",
    "data-mapping": "pathname",
    "data-strict": "0",
    "data-reactions-enabled": "1",
    "data-emit-metadata": "0",
    "data-input-position": "bottom",
    "data-theme": "preferred_color_scheme",
    "crossorigin": "anonymous",
    "async": "",
}
PAGES_WITHOUT = ("index", "quiet", "quiet-rst")


def _page(app: Any, docname: str) -> Any:
    """The main content of ``docname`` in an html or dirhtml build."""
    if app.builder.name == "dirhtml" and docname != "index":
        docname = f"{docname}/index"
    return main(app, docname)


def _boxes(app: Any, docname: str) -> list[Any]:
    return _page(app, docname).select("section.nb-comments")


def _embed(box: Any) -> dict[str, str]:
    """The provider's script tag's attributes."""
    (script,) = box.find_all("script", src=True)
    return dict(script.attrs)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_giscus_box_ends_the_article(make_app, rootdir, tmp_path, builder):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        builder,
        confoverrides={"newsbrief_comments": GISCUS},
    )
    assert newsbrief_warnings(app) == []
    (box,) = _boxes(app, "lead")
    assert box.find("h2").get_text(strip=True) == "Comments"
    assert "Leave a comment" in box.select_one("p.nb-comments-lead").get_text()
    assert _embed(box) == GISCUS_ATTRIBUTES
    # after the whole content (the last paragraph, the footnotes), before previous/next
    page = _page(app, "lead")
    order = page.find_all(True)
    last_text = page.find(string=lambda s: "last paragraph of the lead" in s).parent
    footnote = page.find(string=lambda s: "MyST collects at the end" in s).parent
    nav = page.select_one(".nb-article-nav")
    assert order.index(last_text) < order.index(box)
    assert order.index(footnote) < order.index(box)
    assert nav is not None and order.index(box) < order.index(nav)
    assert len(_boxes(app, "earlier")) == 1


@pytest.mark.parametrize("docname", PAGES_WITHOUT)
def test_no_box_off_articles_or_with_comments_false(make_app, rootdir, tmp_path, docname):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": GISCUS},
    )
    assert len(_boxes(app, "lead")) == 1  # on where it should be
    page = html(app, docname)
    assert page.select(".nb-comments") == []
    assert [s for s in page.find_all("script") if "giscus" in (s.get("src") or s.text)] == []


def test_utterances_box(make_app, rootdir, tmp_path):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": {**UTTERANCES, "label": "comments"}},
    )
    assert newsbrief_warnings(app) == []
    (box,) = _boxes(app, "lead")
    assert _embed(box) == {
        "type": "text/x-newsbrief-comments",
        "src": "https://utteranc.es/client.js",
        "repo": "example/newsbrief-comments",
        "issue-term": "pathname",
        "label": "comments",
        "theme": "preferred-color-scheme",
        "crossorigin": "anonymous",
        "async": "",
    }
    assert _boxes(app, "quiet") == []


def test_default_is_off(make_app, rootdir, tmp_path):
    app = build(make_app, copy_root(rootdir, tmp_path, "comments"))
    assert _boxes(app, "lead") == []
    assert newsbrief_warnings(app) == []


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "text"])
def test_other_builders_have_no_trace(make_app, rootdir, tmp_path, builder):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        builder,
        confoverrides={"newsbrief_comments": GISCUS},
    )
    outdir = Path(app.outdir)
    files = [p for p in outdir.rglob("*") if p.suffix in (".html", ".tex", ".txt")]
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert texts and any("last paragraph of the lead" in t for t in texts)
    for text in texts:
        assert "giscus" not in text
        assert "Leave a comment" not in text
        assert "nb-comments" not in text


BAD_CONFIGS = {
    "not a dict": (["giscus"], "must be a dict"),
    "unknown provider": ({**GISCUS, "provider": "disqus"}, "allowed: 'giscus', 'utterances'"),
    "no provider": ({"repo": "example/news"}, "has no 'provider'; allowed: 'giscus'"),
    "missing setting": (
        {k: v for k, v in GISCUS.items() if k != "category-id"},
        "misses 'category-id': giscus needs 'repo', 'repo-id', 'category', 'category-id'",
    ),
    "utterances without repo": ({"provider": "utterances"}, "misses 'repo'"),
    "unknown key": ({**GISCUS, "colour": "red"}, "unknown key 'colour' for giscus"),
    "bad mapping": ({**GISCUS, "mapping": "path"}, "must be one of 'pathname', 'url'"),
    "bad repo": ({**UTTERANCES, "repo": "newsbrief"}, "must be 'owner/name'"),
    "bad flag": ({**GISCUS, "strict": "yes"}, "['strict'] = 'yes' must be True or False"),
    "term missing": ({**GISCUS, "mapping": "specific"}, "needs a 'term'"),
}


@pytest.mark.parametrize(("value", "message"), BAD_CONFIGS.values(), ids=list(BAD_CONFIGS))
def test_bad_config_warns_once_and_adds_nothing(make_app, rootdir, tmp_path, value, message):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": value},
    )
    (warning,) = newsbrief_warnings(app, "comments")
    assert "newsbrief_comments" in warning and message in warning, warning
    assert newsbrief_warnings(app) == [warning]
    assert app.config.newsbrief_comments == {}
    assert _boxes(app, "lead") == []
    assert "giscus" not in html(app, "lead").decode()


def test_unknown_key_names_the_allowed_ones(make_app, rootdir, tmp_path):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": {**GISCUS, "maping": "title"}},
    )
    (warning,) = newsbrief_warnings(app, "comments")
    assert "(did you mean 'mapping'?)" in warning
    assert "allowed: 'provider', 'repo', 'repo-id'" in warning


def test_values_are_escaped(make_app, rootdir, tmp_path):
    hostile = '"><script>alert(1)</script>'
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={
            "newsbrief_comments": {**GISCUS, "category": hostile, "theme": 'x" onload="alert(2)'}
        },
    )
    (box,) = _boxes(app, "lead")
    embed = _embed(box)
    assert embed["data-category"] == hostile
    assert embed["data-theme"] == 'x" onload="alert(2)'
    assert "onload" not in embed
    # the embed alone: a chosen theme needs no follower script, nothing was injected
    assert len(box.find_all("script")) == 1
    assert all("alert" not in s.get_text() for s in html(app, "lead").find_all("script"))


def test_theme_follows_the_page_unless_chosen(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "comments")
    app = build(make_app, src, confoverrides={"newsbrief_comments": GISCUS})
    (box,) = _boxes(app, "lead")
    embed, follower = box.find_all("script")
    assert embed.find_next_sibling("script") is follower
    code = follower.get_text()
    assert '["light", "dark", "preferred_color_scheme"]' in code
    assert "iframe.giscus-frame" in code and '"https://giscus.app"' in code
    chosen = build(make_app, src, confoverrides={"newsbrief_comments": {**GISCUS, "theme": "dark"}})
    (box,) = _boxes(chosen, "lead")
    assert _embed(box)["data-theme"] == "dark"
    assert len(box.find_all("script")) == 1


def test_settings_spelled_with_underscores_and_options(make_app, rootdir, tmp_path):
    value = {
        "provider": "giscus",
        "repo": "example/news",
        "repo_id": "R_1",
        "category": "Q&A",
        "category_id": "DIC_1",
        "mapping": "specific",
        "term": "lead",
        "strict": True,
        "reactions_enabled": False,
        "input-position": "top",
        "lang": "fr",
        "loading": "lazy",
    }
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": value},
    )
    (box,) = _boxes(app, "lead")
    embed = _embed(box)
    assert embed["data-repo-id"] == "R_1" and embed["data-category"] == "Q&A"
    assert (embed["data-mapping"], embed["data-term"]) == ("specific", "lead")
    assert (embed["data-strict"], embed["data-reactions-enabled"]) == ("1", "0")
    assert (embed["data-input-position"], embed["data-lang"]) == ("top", "fr")
    assert embed["data-loading"] == "lazy"


def test_heading_is_translated(make_app, rootdir, tmp_path):
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": GISCUS, "language": "fr"},
    )
    (box,) = _boxes(app, "lead")
    assert box.find("h2").get_text(strip=True) == "Commentaires"
    assert "Laissez un commentaire" in box.get_text()


def test_changing_the_setting_rewrites_the_articles(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "comments")
    off = build(make_app, src)
    assert _boxes(off, "lead") == []
    on = build(make_app, src, confoverrides={"newsbrief_comments": GISCUS})
    assert len(_boxes(on, "lead")) == 1 and _boxes(on, "quiet") == []
    utterances = build(make_app, src, confoverrides={"newsbrief_comments": UTTERANCES})
    assert "utteranc.es" in _embed(_boxes(utterances, "lead")[0])["src"]
    again = build(make_app, src)
    assert _boxes(again, "lead") == []


def test_parallel_build_matches(make_app, rootdir, tmp_path, monkeypatch):
    from sphinx.builders import Builder

    reads: list[int] = []
    original = Builder._read_parallel

    def spy(self: Any, docnames: list[str], nproc: int) -> Any:
        reads.append(len(docnames))
        return original(self, docnames, nproc)

    monkeypatch.setattr(Builder, "_read_parallel", spy)
    apps = []
    for jobs in (1, 4):
        src = copy_root(rootdir, tmp_path, "comments", dest=f"j{jobs}")
        for day in range(1, 5):  # Sphinx reads in parallel only above five documents
            text = f"---\ndate: 2025-07-0{day}\n---\n# More {day}\n\nText.\n"
            (src / f"more{day}.md").write_text(text)
        apps.append(
            build(make_app, src, parallel=jobs, confoverrides={"newsbrief_comments": GISCUS})
        )
    assert reads == [9]
    serial, parallel = apps
    for docname in ("lead", "earlier", "quiet", "quiet-rst", "index", "more3"):
        assert [str(b) for b in _boxes(parallel, docname)] == [
            str(b) for b in _boxes(serial, docname)
        ]
    assert len(_boxes(parallel, "lead")) == len(_boxes(parallel, "more3")) == 1


# -- the theme follower in a real browser ----------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
#: The provider's script and frame, served in place of the real ones: the script
#: records the theme it was given and adds the frame, which echoes what it is sent.
STUB_SCRIPT = """(function () {
  var script = document.currentScript;
  window.nbSeenTheme = script.getAttribute(%(attribute)s);
  var frame = document.createElement("iframe");
  frame.className = %(frame)s;
  frame.src = %(origin)s + "/widget";
  script.insertAdjacentElement("afterend", frame);
})();"""
STUB_FRAME = """<script>
window.addEventListener("message", function (e) { parent.postMessage({echo: e.data}, "*"); });
parent.postMessage({hello: true}, "*");
</script>"""
COLLECT = """window.nbEchoes = [];
window.addEventListener("message", function (e) {
  if (e.data && e.data.echo) window.nbEchoes.push(e.data.echo);
});"""
PROVIDERS = {
    "giscus": ("https://giscus.app", "data-theme", "giscus-frame"),
    "utterances": ("https://utteranc.es", "theme", "utterances-frame"),
}


@pytest.fixture(scope="module")
def chromium() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (`make browser` installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def _stub(route: Any, provider: str) -> None:
    origin, attribute, frame = PROVIDERS[provider]
    if route.request.url.endswith("/client.js"):
        names = {"attribute": attribute, "frame": frame, "origin": origin}
        body = STUB_SCRIPT % {k: f'"{v}"' for k, v in names.items()}
        route.fulfill(status=200, content_type="application/javascript", body=body)
    else:
        route.fulfill(status=200, content_type="text/html", body=STUB_FRAME)


#: (theme, provider, localStorage switch, OS scheme, theme first given, switch to,
#: theme sent after the switch); the switch is set on <body> (furo) or <html>.
FOLLOW_CASES = [
    ("alabaster", "giscus", None, "dark", "light", None, None),
    ("furo", "giscus", None, "dark", "preferred_color_scheme", "dark", "dark"),
    ("furo", "giscus", "dark", "light", "dark", "light", "light"),
    ("pydata_sphinx_theme", "giscus", "dark", "light", "dark", "light", "light"),
    ("pydata_sphinx_theme", "giscus", None, "dark", "preferred_color_scheme", "light", "light"),
    ("furo", "utterances", "light", "dark", "github-light", "dark", "github-dark"),
]


@pytest.mark.parametrize(
    ("theme", "provider", "switch", "scheme", "first", "switch_to", "sent"), FOLLOW_CASES
)
def test_theme_follower_in_a_browser(
    chromium, make_app, rootdir, tmp_path, theme, provider, switch, scheme, first, switch_to, sent
):
    pytest.importorskip(theme)
    value = GISCUS if provider == "giscus" else UTTERANCES
    app = build(
        make_app,
        copy_root(rootdir, tmp_path, "comments"),
        confoverrides={"newsbrief_comments": value, "html_theme": theme},
    )
    origin = PROVIDERS[provider][0]
    context = chromium.new_context(color_scheme=scheme)
    # what the theme's own switch stores (pydata: the mode and the theme it resolved)
    keys = ["theme"] if theme == "furo" else ["mode", "theme"]
    for key in keys if switch is not None else ():
        context.add_init_script(  # the page's own storage, not the provider's frame
            f"if (window === window.top) localStorage.setItem({key!r}, {switch!r});"
        )
    context.add_init_script(COLLECT)
    context.route(f"{origin}/**", lambda route: _stub(route, provider))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto((Path(app.outdir) / "lead.html").as_uri(), wait_until="load")
        page.wait_for_function("window.nbSeenTheme !== undefined")
        assert page.evaluate("window.nbSeenTheme") == first
        # the frame spoke first: it is told the page's theme once
        page.wait_for_function("window.nbEchoes.length >= 1")
        if switch_to is not None:
            holder = "document.body" if theme == "furo" else "document.documentElement"
            page.evaluate(f"{holder}.setAttribute('data-theme', {switch_to!r})")
            page.wait_for_function("window.nbEchoes.length >= 2")
            echo = page.evaluate("window.nbEchoes[window.nbEchoes.length - 1]")
            theme_sent = echo["giscus"]["setConfig"]["theme"] if provider == "giscus" else echo
            if provider == "utterances":
                assert theme_sent == {"type": "set-theme", "theme": sent}
            else:
                assert theme_sent == sent
    finally:
        context.close()
    assert errors == []


def test_the_demo_shows_the_box_on_the_lead_not_on_the_method_note(make_app, tmp_path):
    src = copy_demo(tmp_path / "demo")
    app = build(make_app, src, "html", freshenv=True)
    lead = html(app, "briefs/2025-06-21-north-korea-iran-support")
    method = html(app, "briefs/2025-06-18-method-how-we-label-uncertainty")
    assert len(lead.select(".nb-comments script[src*=giscus]")) == 1
    assert method.select(".nb-comments") == [] and "giscus" not in str(method)
