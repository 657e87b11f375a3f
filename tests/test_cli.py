"""The command line: ``newsbrief new``, ``import-ablog`` and ``serve``.

Exit codes and stderr are checked through a real process (``python -m
sphinx_newsbrief``); the rest calls :func:`sphinx_newsbrief.cli.main` directly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import html, warnings
from hypothesis import given
from hypothesis import strategies as st

from sphinx_newsbrief.cli import main
from sphinx_newsbrief.cli.ablog.confpy import convert_conf
from sphinx_newsbrief.cli.ablog.dates import ablog_date
from sphinx_newsbrief.cli.ablog.directives import (
    convert_myst_directives,
    convert_rst_directives,
)
from sphinx_newsbrief.cli.ablog.myst import convert_myst
from sphinx_newsbrief.cli.ablog.notebook import convert_notebook, top_level_spans
from sphinx_newsbrief.cli.ablog.refs import Labels, convert_refs
from sphinx_newsbrief.cli.ablog.rst import convert_rst
from sphinx_newsbrief.cli.ablog.site import Site, read_conf
from sphinx_newsbrief.cli.new import Brief, file_stem, myst_text, rst_text
from sphinx_newsbrief.frontmatter import front_matter_span, read_markdown

SRC = Path(__file__).parent.parent / "src"
COMMANDS = ("new", "import-ablog", "serve")


def run_cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx_newsbrief ARGS`` with this checkout first on the path."""
    environ = {**os.environ, **env}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "sphinx_newsbrief", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsbrief: error: "), result.stderr
    return lines[0]


def project(path: Path) -> Path:
    """A tiny Sphinx project using the extension."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "conf.py").write_text(
        'extensions = ["sphinx_newsbrief"]\nproject = "Desk"\nexclude_patterns = ["_build"]\n'
        "smartquotes = False  # titles are compared as written\n",
        encoding="utf-8",
    )
    (path / "index.md").write_text("# Desk\n\nThe desk's home page.\n", encoding="utf-8")
    return path


# -- the parser --------------------------------------------------------------------


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
def test_help_exits_zero(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: newsbrief {' '.join(command)}".rstrip())


def test_version():
    import sphinx_newsbrief

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsbrief {sphinx_newsbrief.__version__}"


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("publish",),
        ("new",),
        ("new", "   "),
        ("new", "Title", "--date", "2025-13-45"),
        ("new", "Title", "--date", "21/06/2025"),
        ("new", "Title", "--bogus"),
        ("import-ablog", "only-one"),
        ("serve", "--port", "http"),
        ("new", "Title", "--", "extra"),
    ],
)
def test_bad_usage_exits_two_with_one_line(args):
    assert_one_line_error(run_cli(*args), 2)


# -- new -----------------------------------------------------------------------------


def test_new_writes_a_myst_article_that_builds(tmp_path, make_app, capsys):
    src = project(tmp_path / "site")
    args = ["new", "Talks resume: what changed?", "--tags", "News, North Korea"]
    args += ["--date", "2025-06-21", "--author", "Desk analyst", "--author", "J. Doe"]
    args += ["--summary", "The dek.", "--project", str(src)]
    assert main(args) == 0
    path = src / "briefs" / "2025-06-21-talks-resume-what-changed.md"
    assert capsys.readouterr().out.strip() == str(path)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front == {
        "title": "Talks resume: what changed?",
        "date": date(2025, 6, 21),
        "authors": ["Desk analyst", "J. Doe"],
        "summary": "The dek.",
        "tags": ["News", "North Korea"],
    }
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warnings(app) == []
    _assert_article(
        app, "briefs/2025-06-21-talks-resume-what-changed", "Talks resume: what changed?"
    )


def test_new_writes_an_rst_article_that_builds(tmp_path, make_app, capsys):
    src = project(tmp_path / "site")
    title = "Sanctions *tighten* on `exports` | a_b [1]_ :ref:`x`"
    args = ["new", title, "--rst", "--tags", "News,North Korea", "--date", "2025-06-21"]
    args += ["--author", "Desk analyst", "--summary", "The dek.", "--project", str(src)]
    assert main(args) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.suffix == ".rst" and path.parent == src / "briefs"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(":date: 2025-06-21\n:authors: Desk analyst\n:summary: The dek.\n")
    assert ":tags: News, North Korea\n" in text
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warnings(app) == []
    _assert_article(app, f"briefs/{path.stem}", title)


def _assert_article(app, docname: str, title: str) -> None:
    page = html(app, docname)
    assert page.find("h1").get_text().rstrip("¶#").strip() == title
    header = page.find(class_="nb-article-header")
    assert header is not None, "not built as an article"
    text = header.get_text(" ")
    assert "21 June 2025" in text and "North Korea" in text
    links = {a["href"] for a in header.find_all("a", href=True)}
    assert any(h.endswith("tags/north-korea.html") for h in links), links


HOSTILE = [
    'He said: "no" # not a comment',
    "- dash first",
    "? key: value, {flow} [list] & *anchor !tag %",
    "'single' and \"double\" quotes",
    "北朝鮮の声明 — Ελληνικά — русский",
    "Yes",
    "2025-06-21",
    "null",
    "@handle `code` *stars* _under_ |pipe| \\back",
    "Ends with a colon:",
]


@pytest.mark.parametrize("rst", [False, True], ids=["myst", "rst"])
def test_hostile_titles_build_clean(tmp_path, make_app, capsys, rst):
    src = project(tmp_path / "site")
    paths = []
    for number, title in enumerate(HOSTILE, start=1):
        args = ["new", title, "--date", f"2025-06-{number:02d}", "--project", str(src)]
        assert main(args + (["--rst"] if rst else [])) == 0
        paths.append(Path(capsys.readouterr().out.strip()))
    assert len({p.name for p in paths}) == len(HOSTILE)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warnings(app) == []
    for path, title in zip(paths, HOSTILE, strict=True):
        page = html(app, f"briefs/{path.stem}")
        assert page.find("h1").get_text().rstrip("¶#").strip() == title
        if not rst:
            front = path.read_text(encoding="utf-8")
            assert yaml.safe_load(front.split("\n---\n")[0][4:])["title"] == title


def test_new_never_overwrites(tmp_path):
    src = project(tmp_path / "site")
    first = run_cli("new", "Same title", "--date", "2025-06-21", "--project", str(src))
    assert first.returncode == 0 and first.stderr == ""
    path = Path(first.stdout.strip())
    path.write_text("edited by hand\n", encoding="utf-8")
    again = run_cli("new", "Same title", "--date", "2025-06-21", "--project", str(src))
    line = assert_one_line_error(again, 1)
    assert str(path) in line and "not overwriting" in line
    assert path.read_text(encoding="utf-8") == "edited by hand\n"
    # .rst beside the .md would be a second source for the same document
    twin = run_cli("new", "Same title", "--rst", "--date", "2025-06-21", "--project", str(src))
    assert_one_line_error(twin, 1)
    assert not path.with_suffix(".rst").exists()


def test_new_dates_by_source_date_epoch(tmp_path):
    result = run_cli("new", "Reproducible", cwd=tmp_path, SOURCE_DATE_EPOCH="1750464000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(Path("briefs", "2025-06-21-reproducible.md"))
    bad = run_cli("new", "Reproducible", cwd=tmp_path, SOURCE_DATE_EPOCH="yesterday")
    assert "SOURCE_DATE_EPOCH" in assert_one_line_error(bad, 1)


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("North Korea: the pledge", "2025-06-21-north-korea-the-pledge"),
        ("北朝鮮の声明", "2025-06-21-北朝鮮の声明"),
        ("Élysée réagit", "2025-06-21-elysee-reagit"),
        ("!!! ???", "2025-06-21-brief"),
        ("🚀🚀", "2025-06-21-brief"),
    ],
)
def test_file_names(title, stem):
    assert file_stem(Brief(title, date(2025, 6, 21))) == stem


def test_long_titles_give_short_file_names():
    stem = file_stem(Brief("word " * 200, date(2025, 6, 21)))
    assert len(stem) <= 91 and not stem.endswith("-")
    wide = file_stem(Brief("北" * 300, date(2025, 6, 21)))
    assert len(wide.encode("utf-8")) <= 171


# Control characters are left out: the extension removes them from front matter, with a
# warning (tests/test_frontmatter.py); MyST still reads them as written.
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1).filter(str.strip))
def test_any_title_round_trips_through_the_front_matter(title):
    text = myst_text(Brief(title, date(2025, 6, 21), tags=("a: b", "#c")))
    span = front_matter_span(text)
    assert span is not None
    block = text[span[0] : span[1]]
    assert yaml.safe_load(block)["title"] == title  # what MyST reads
    assert yaml.safe_load(block)["tags"] == ["a: b", "#c"]
    assert read_markdown(text).fields["title"].value == title  # what the extension reads


@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1))
def test_any_title_is_one_rst_section_title(title):
    from docutils.core import publish_doctree
    from docutils.nodes import section
    from docutils.nodes import title as title_node

    text = rst_text(Brief(title, date(2025, 6, 21)))
    doctree = publish_doctree(text, settings_overrides={"report_level": 5, "doctitle_xform": False})
    sections = list(doctree.findall(section))
    expected = " ".join(title.split())
    if not expected:
        return
    assert len(sections) == 1
    assert sections[0][0].astext() == expected and isinstance(sections[0][0], title_node)


# -- serve ---------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, tuple[int, str]]:
    """Every file (size, SHA-256) and folder (``name/``) under ``root``, by relative path."""
    import hashlib

    tree = {}
    for path in root.rglob("*"):
        name = path.relative_to(root).as_posix()
        if path.is_dir():
            tree[f"{name}/"] = (0, "")
        else:
            tree[name] = (path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    return tree


@pytest.mark.parametrize("builder", ["html", "dirhtml", "latex"])
def test_a_build_leaves_the_source_folder_unchanged(tmp_path, builder):
    """Why ``serve`` cannot loop: nothing is written where sphinx-autobuild watches."""
    from helpers import copy_demo

    src = copy_demo(tmp_path / "demo")
    before = _tree(src)
    environ = {**os.environ, "PYTHONPATH": str(SRC)}
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "build", "-q", "-b", builder, src, tmp_path / "out"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert any((tmp_path / "out").iterdir())
    assert _tree(src) == before


def test_serve_without_sphinx_autobuild_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sphinx_autobuild", None)  # as if not installed
    assert main(["serve", str(project(tmp_path / "site"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sphinx-newsbrief[serve]" in err and "sphinx-autobuild" in err


def test_serve_needs_a_project(tmp_path):
    pytest.importorskip("sphinx_autobuild", reason="needs the 'serve' extra (sphinx-autobuild)")
    line = assert_one_line_error(run_cli("serve", str(tmp_path / "missing")), 1)
    assert "no conf.py" in line


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(check, server: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not check():
        assert server.poll() is None, log.read_text(encoding="utf-8")
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.5)


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("-m sphinx build")


def test_serve_builds_once_and_rebuilds_once_per_edit(tmp_path):
    """``newsbrief serve`` on a small project: one build, the site served, no rebuild loop.

    The initial build runs before sphinx-autobuild watches the folder, so one
    edit is made too: its rebuild must be the only other build.
    """
    import time

    pytest.importorskip("sphinx_autobuild", reason="needs the 'serve' extra (sphinx-autobuild)")
    src = project(tmp_path / "site")
    (src / "briefs").mkdir()
    lead = src / "briefs" / "lead.md"
    lead.write_text("---\ndate: 2025-06-21\ntags: [News]\n---\n# Lead brief\n\nText.\n")
    (src / "index.md").write_text("# Desk\n\n```{briefs}\n```\n", encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    environ = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    with log.open("w", encoding="utf-8") as out:
        command = ["serve", str(src), str(tmp_path / "out"), "--port", str(port)]
        server = subprocess.Popen(
            [sys.executable, "-m", "sphinx_newsbrief", *command],
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(lambda: "Lead brief" in _get(url), server, log)
        time.sleep(4)  # a loop would start its next build here
        assert _builds(log) == 1, log.read_text(encoding="utf-8")
        lead.write_text(lead.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        _wait_for(lambda: "Edited." in _get(f"{url}briefs/lead.html"), server, log)
        time.sleep(6)
        assert _builds(log) == 2, log.read_text(encoding="utf-8")
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# -- import-ablog ----------------------------------------------------------------------

ABLOG_SITE = Path(__file__).parent / "roots" / "test-ablog-site"
REPORT = "newsbrief-import-report.txt"


@pytest.fixture
def converted(tmp_path, capsys) -> Path:
    """The test ABlog site converted into ``tmp_path/site`` (stdout checked against the file)."""
    dst = tmp_path / "site"
    assert main(["import-ablog", str(ABLOG_SITE), str(dst)]) == 0
    out = capsys.readouterr().out
    report = (dst / REPORT).read_text(encoding="utf-8")
    assert out == f"{report}\nReport written to {dst / REPORT}\n"
    return dst


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def front_matter(text: str) -> dict:
    span = front_matter_span(text)
    assert span is not None, text
    return yaml.safe_load(text[span[0] : span[1]])


def test_import_rst_post_directive(converted):
    assert read(converted, "posts/first-post.rst") == (
        ":date: 2014-05-09\n"
        ":authors: Ahmet\n"
        ":tags: tips, Sphinx, Manual\n"
        ":location: Pittsburgh, PA\n"
        "\n"
        ".. Field Notes post example, created by `ablog start` on May 09, 2014.\n"
        "\n"
        "First Post\n"
        "==========\n"
        "\n"
        "World, hello again! This very first paragraph of the post will be used as\n"
        "excerpt in archives and feeds. Remember that you can refer to posts by file\n"
        "name, e.g. ``:ref:`first-post``` results in :ref:`posts/first-post`.\n"
        "\n"
        ".. update:: 2014-08-21\n"
        "\n"
        "   Added the update directive and a section about :ref:`newsbrief-tag-sphinx`.\n"
    )


def test_import_rst_post_options_without_a_place(converted):
    assert read(converted, "posts/options.rst").startswith(
        ":date: 2014-09-15\n:authors: Ahmet, Luc\n:tags: release\n"
        ":location: San Francisco, CA\n:comments: false\n\nRelease notes\n"
    )
    assert read(converted, "posts/excerpt.rst") == (
        ":date: 2013-04-15\n:authors: Luc\n"
        ":summary: This post describes how to choose an excerpt for a post.\n"
        ":tags: directive, Manual\n\nPost Excerpts and Images\n========================\n\n"
        "ABlog, by default, uses the first paragraph of the document as post excerpt.\n"
    )
    # docinfo form (:blogpost: true): ABlog's fields replaced, date in ISO
    assert read(converted, "posts/external.rst").startswith(
        ":date: 2021-09-01\n:authors: Luc\n:tags: Manual\n\nExternal post\n"
    )


def test_import_myst_posts(converted):
    markdown = read(converted, "posts/markdown.md")
    assert front_matter(markdown) == {
        "date": date(2020, 10, 10),
        "authors": ["Ahmet"],
        "tags": ["tips", "markdown", "Manual"],
        "location": "San Francisco, CA",
    }
    assert "{ref}`the tips <newsbrief-tag-tips>` and {ref}`newsbrief-tags`" in markdown
    assert "```{update} 2020-10-12\nLinked the tag pages.\n```" in markdown
    # a code block showing ABlog's front matter is text, not metadata
    assert markdown.endswith("```\n---\nblogpost: true\ndate: Oct 10, 2020\n---\n```\n")
    directive = read(converted, "posts/directive.md")
    assert front_matter(directive) == {
        "date": date(2021, 3, 1),
        "authors": ["Luc"],
        "tags": ["myst"],
        "location": "Pittsburgh, PA",
    }
    assert "```{post}" not in directive
    assert "```{briefs}\n:limit: 2\n:exclude-current:\n```" in directive
    assert "[all posts](#newsbrief-archive)" in directive
    assert "[Pittsburgh posts](#location-pittsburgh)" in directive


def test_import_listings_and_references(converted):
    index = read(converted, "index.rst")
    assert ".. briefs::\n   :limit: 5\n   :exclude-current:\n\nTips" in index
    assert (
        ".. briefs::\n   :tags: tips\n   :limit: 3\n   :sort: date\n   :format: list\n\nThe role"
    ) in index
    for old, new in [
        (":ref:`blog-posts`;", ":ref:`newsbrief-archive`;"),
        ("<blog-tags>", "<newsbrief-tags>"),
        ("<blog-authors>", "<newsbrief-authors>"),
        (":ref:`author-ahmet`", ":ref:`newsbrief-author-ahmet`"),
        (":ref:`tag-tips`", ":ref:`newsbrief-tag-tips`"),
        ("<category-manual>", "<newsbrief-tag-manual>"),
        (":ref:`archive-2014`", ":ref:`newsbrief-archive-2014`"),
        (":ref:`first-post`", ":ref:`posts/first-post`"),
    ]:
        assert old not in index and new in index, (old, new)
    # no counterpart: left as written
    assert ":ref:`location-pittsburgh`" in index and ":ref:`blog-drafts`" in index
    # examples in literals stay as they are
    assert "``:ref:`blog-posts```" in index
    assert "::\n\n   :ref:`blog-tags`\n" in index
    assert read(converted, "about.rst") == read(ABLOG_SITE, "about.rst").replace(
        "blog-archives", "newsbrief-archive"
    )


def test_import_copies_everything_else(converted):
    for path in ("_static/site.css", "_templates/.keep"):
        assert (converted / path).read_bytes() == (ABLOG_SITE / path).read_bytes()
    assert {p.relative_to(converted).as_posix() for p in converted.rglob("*")} == {
        p.relative_to(ABLOG_SITE).as_posix() for p in ABLOG_SITE.rglob("*")
    } | {REPORT}


def _exec_conf(path: Path, monkeypatch) -> dict:
    monkeypatch.setitem(sys.modules, "ablog", None)  # not installed
    namespace = {"__file__": str(path)}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def test_import_conf_runs_without_ablog(converted, monkeypatch):
    conf = _exec_conf(converted / "conf.py", monkeypatch)
    assert conf["extensions"] == [
        "sphinx.ext.extlinks",
        "sphinx.ext.todo",
        "myst_parser",
        "sphinx_newsbrief",
    ]
    assert conf["html_sidebars"] == {
        "**": ["about.html", "newsbrief/sidebar-nav.html", "navigation.html", "searchbox.html"]
    }
    assert conf["templates_path"] == ["_templates"]
    assert conf["newsbrief_site_url"] == "https://notes.example.org/"
    assert conf["newsbrief_publisher"] == "Field Notes"
    assert conf["newsbrief_authors"] == {
        "Ahmet": {"name": "Ahmet Bakan", "url": "https://example.org/ahmet"},
        "Luc": {"name": "Luc Saffre"},
    }
    assert conf["newsbrief_feed_content"] == "full"
    assert conf["newsbrief_feed_length"] == 10
    assert conf["version"] == "0"  # ablog.__version__, reported
    helpers = {name for name in conf if name.lower().startswith("_newsbrief")}
    assert helpers == {"_NEWSBRIEF_NO_ABLOG"}  # the stand-in for ABlog; the rest deleted
    # the site's own lines are still there, ABlog settings included
    text = read(converted, "conf.py")
    assert 'blog_title = "Field Notes"' in text and "import ablog" not in text


def test_import_report(converted):
    report = read(converted, REPORT)
    first = report.split("posts/first-post.rst\n", 1)[1].split("\n\n", 1)[0]
    assert "date 'May 09, 2014' -> 2014-05-09" in first
    assert "category 'Manual' -> tag" in first
    assert "'Pittsburgh' -> 'Pittsburgh, PA' (blog_locations)" in first
    assert "no place to go" not in first
    options = report.split("posts/options.rst\n", 1)[1].split("\n\n", 1)[0]
    for dropped in [
        "language 'en'",
        "redirect 'blog/old-release-notes'",
        "excerpt '2'",
        "external_link 'https://example.org/release'",
    ]:
        assert f"    - {dropped}: " in options.split("no place to go:")[1], dropped
    assert "nocomments -> comments: false" in options
    assert "image '2': listings show no image" in report
    assert "Categories became tags" in report
    assert "index.rst:18: postlist -> briefs\n" in report
    assert "no place to go: author 'Ahmet': `briefs` has no author filter" in report
    assert "posts/first-post.rst:15: update 'Aug 21, 2014' -> {update} 2014-08-21" in report
    assert "  index.rst:8: location-pittsburgh (there are no location pages)" in report
    assert "  index.rst:8: blog-drafts (" in report
    assert "  posts/options.rst:11: language-en (" in report
    assert "  posts/directive.md:16: location-pittsburgh (" in report
    assert "  index.rst:4: blog-posts -> newsbrief-archive" in report
    assert "  - blog_authors -> newsbrief_authors" in report
    assert "  - disqus_shortname: " in report and "  - blog_languages: " in report
    assert "  - conf.py:" in report.split("Still naming ABlog:")[1]
    assert "__version__" in report.split("Still naming ABlog:")[1]


def test_import_refuses_a_non_empty_destination(tmp_path):
    dst = tmp_path / "site"
    dst.mkdir()
    (dst / "keep.txt").write_text("mine\n", encoding="utf-8")
    line = assert_one_line_error(run_cli("import-ablog", str(ABLOG_SITE), str(dst)), 1)
    assert "not an empty folder" in line
    assert [p.name for p in dst.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("import-ablog", str(ABLOG_SITE), str(empty)).returncode == 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such folder"),
        ("no-conf", "no conf.py"),
        ("not-ablog", "is not an ABlog site"),
        ("bad-conf", "not valid Python"),
        ("inside", "is inside"),
        ("dst-file", "not an empty folder"),
    ],
)
def test_import_errors_are_one_line(tmp_path, setup, message):
    src = tmp_path / "src"
    dst = tmp_path / "dst"
    if setup != "missing":
        src.mkdir()
    if setup not in ("missing", "no-conf"):
        conf = {"not-ablog": 'extensions = ["myst_parser"]\n', "bad-conf": "extensions = [\n"}
        (src / "conf.py").write_text(conf.get(setup, 'extensions = ["ablog"]\n'), encoding="utf-8")
    if setup == "inside":
        dst = src / "converted"
    if setup == "dst-file":
        dst.write_text("a file\n", encoding="utf-8")
    line = assert_one_line_error(run_cli("import-ablog", str(src), str(dst)), 1)
    assert message in line
    assert not (src / "converted").exists()


#: Warnings the converted site gives only until ``main``'s features reach this branch:
#: the ``{update}`` directive and the ``newsbrief-*`` / docname labels (DESIGN "Articles
#: -> Labels", "Updates and corrections"). Allowed only while they are missing.
PENDING = {
    "update": re.compile(r"Unknown directive type:? \W?update\W"),
    "labels": re.compile(
        r"(undefined label|cross-reference target not found): '(newsbrief-[^']+|posts/[^']+)'"
    ),
}


def _pending(app) -> set[str]:
    from sphinx.util.docutils import is_directive_registered

    missing = set()
    if not is_directive_registered("update"):
        missing.add("update")
    labels = app.env.get_domain("std").labels
    if "newsbrief-archive" not in labels or "posts/first-post" not in labels:
        missing.add("labels")
    return missing


def _predicted(report: str) -> set[tuple[str, str]]:
    """(file, label) of each reference the report says was left as written."""
    block = report.split("Left as written", 1)[1].split("\n\n", 1)[0]
    found = re.findall(r"^  (\S+):\d+: (\S+) \(", block, re.M)
    return {(path, label) for path, label in found}


def test_the_converted_site_builds(converted, make_app):
    """Only the warnings the report predicts (references to ABlog pages with no counterpart)."""
    predicted = _predicted(read(converted, REPORT))
    assert ("index.rst", "location-pittsburgh") in predicted
    # (sphinx.testing builds with "basic" unless the theme is given here)
    theme = {"html_theme": "alabaster"}
    app = make_app("html", srcdir=converted, freshenv=True, confoverrides=theme)
    app.build()
    pending = _pending(app)
    seen, unexpected = set(), []
    for warning in warnings(app):
        label = re.search(r"(?:undefined label|target not found): '([^']+)'", warning)
        path = warning.split(":", 1)[0].replace("\\", "/")
        where = next((p for p, lab in predicted if path.endswith("/" + p)), None)
        if label and where and (where, label.group(1)) in predicted:
            seen.add((where, label.group(1)))
        elif not any(PENDING[name].search(warning) for name in pending):
            unexpected.append(warning)
    assert unexpected == []
    assert seen == predicted  # the report predicted exactly what went wrong
    for post in ("first-post", "excerpt", "options", "external", "markdown", "directive"):
        assert html(app, f"posts/{post}").find(class_="nb-article-header") is not None, post
    index = html(app, "index").get_text()
    assert "First Post" in index and "Markdown Support" in index
    assert not (Path(app.outdir) / "newsbrief-import-report.html").exists()


# -- import-ablog: the converters, one construct at a time --------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "iso"),
    [
        ("May 9, 2014", "", "2014-05-09"),
        ("15 Apr, 2013", "", "2013-04-15"),
        ("27 Oct 2018", "", "2018-10-27"),
        ("September 01, 2021", "", "2021-09-01"),
        ("Jan 01, 2020", "", "2020-01-01"),
        ("2020-01-01", "", "2020-01-01"),
        ("Jan 01, 2020 10:00", "", "2020-01-01T10:00:00"),
        ("2014-05-09 18:30", "", "2014-05-09T18:30:00"),
        ("Sunday, 3rd of March 2019 at 3:15pm", "", "2019-03-03T15:15:00"),
        ("Dec 1 2020 10:00 +0200", "", "2020-12-01T10:00:00+02:00"),
        ("2014-05-09T18:30:00Z", "", "2014-05-09T18:30:00+00:00"),
        ("05/09/2014", "", "2014-05-09"),  # month first, as dateutil reads it
        ("25/12/2014", "", "2014-12-25"),
        ("09 May 2014", "%d %B %Y", "2014-05-09"),
        ("2014-05-09 10:00", "%Y-%m-%d %H:%M", "2014-05-09T10:00:00"),
        ("2014.05.09", "%Y.%m.%d", "2014-05-09"),
        ("yesterday", "", None),
        ("May 32, 2014", "", None),
        ("2020-13-01", "", None),
        ("Smarch 3, 2014", "", None),
        ("", "", None),
    ],
)
def test_ablog_dates(text, fmt, iso):
    assert ablog_date(text, fmt) == iso


def _notebook(metadata: dict, cells: list) -> str:
    """A notebook as Jupyter writes it (indent 1, keys sorted)."""
    data = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


CELLS = [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Jupyter Notebook Posting"]},
    {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": []},
]


def test_import_notebook_metadata():
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    ablog = {"blogpost": True, "date": "Oct 10, 2020", "author": "Nabil Freij"}
    ablog |= {"tags": "notebooks, jupyter", "category": "Manual", "language": "English"}
    old = _notebook({"kernelspec": kernel, **ablog}, CELLS)
    new, result = convert_notebook(old, "posts/nb", Site())
    assert json.loads(new)["metadata"] == {
        "authors": ["Nabil Freij"],
        "date": "2020-10-10",
        "kernelspec": kernel,
        "tags": ["notebooks", "jupyter", "Manual"],
    }
    assert "language 'English'" in result.converted.dropped[0]
    start, end, _ = top_level_spans(old)["metadata"]
    new_start, new_end, _ = top_level_spans(new)["metadata"]
    assert new[:new_start] == old[:start] and new[new_end:] == old[end:]  # the rest, byte for byte
    assert new == _notebook(json.loads(new)["metadata"], CELLS)  # Jupyter's own layout


def test_import_notebook_raw_post_cell():
    raw = {
        "cell_type": "raw",
        "metadata": {"raw_mimetype": "text/restructuredtext"},
        "source": [
            ".. post:: 27 Oct 2018\n",
            "   :author: Nabil Freij, Second Author\n",
            "   :tags: posting\n",
            "   :category: Manual",
        ],
    }
    old = _notebook({}, [CELLS[0], raw, CELLS[1]])
    new, result = convert_notebook(old, "posts/nb", Site())
    data = json.loads(new)
    assert data["metadata"] == {
        "authors": ["Nabil Freij", "Second Author"],
        "date": "2018-10-27",
        "tags": ["posting", "Manual"],
    }
    assert data["cells"] == CELLS
    assert "the raw cell that held the post was removed" in result.converted.converted


def test_import_notebook_that_is_no_post_is_left_alone():
    text = _notebook({"kernelspec": {"name": "python3"}}, CELLS)
    assert convert_notebook(text, "nb", Site()) == (text, None)


def test_import_myst_colon_fence_and_yaml_options():
    text = (
        "# A post\n\n"
        ":::{post} Jan 05, 2021\n"
        "---\n"
        "tags: [one, two]\n"
        "author: Ahmet\n"
        "nocomments: true\n"
        "---\n"
        "The excerpt, kept in the post.\n"
        ":::\n\n"
        "Body.\n"
    )
    new, result = convert_myst(text, "p", Site())
    assert front_matter(new) == {
        "date": date(2021, 1, 5),
        "authors": ["Ahmet"],
        "tags": ["one", "two"],
        "comments": False,
    }
    assert new.endswith("---\n# A post\n\nThe excerpt, kept in the post.\n\nBody.\n")
    assert result is not None and "nocomments -> comments: false" in result.converted.converted


def test_import_myst_front_matter_keeps_other_keys_and_comments():
    text = (
        "---\n"
        "# written by hand\n"
        "blogpost: true\n"
        "html_meta:\n"
        "  description: kept as written\n"
        "date: 2021-02-03 10:00\n"
        "tags:\n"
        "  - a\n"
        "  - b\n"
        "orphan: true\n"
        "---\n"
        "# Title\n"
    )
    new, _ = convert_myst(text, "p", Site())
    assert new == (
        "---\n"
        "# written by hand\n"
        "date: 2021-02-03 10:00:00\n"
        "tags: [a, b]\n"
        "html_meta:\n"
        "  description: kept as written\n"
        "orphan: true\n"
        "---\n"
        "# Title\n"
    )


def test_import_undated_post_is_an_orphan_page():
    new, result = convert_rst(".. post::\n   :tags: draft\n\nDraft\n=====\n", "d", Site())
    assert new == ":tags: draft\n:orphan:\n\nDraft\n=====\n"
    assert result is not None and result.converted.dropped[0].startswith("no date")


def test_import_rst_keeps_other_fields_and_uses_site_defaults():
    site = Site(default_authors=("Ahmet",), locations={"SF": "San Francisco, CA"})
    site.default_location = ("SF",)
    text = ":nosearch:\n:blogpost: true\n:date: 2020-01-02\n\nTitle\n=====\n"
    new, result = convert_rst(text, "x", site)
    assert new == (
        ":date: 2020-01-02\n:authors: Ahmet\n:location: San Francisco, CA\n:nosearch:\n\n"
        "Title\n=====\n"
    )
    assert result is not None
    assert "blog_default_author -> authors: Ahmet" in result.converted.converted


def test_import_several_post_directives_keep_the_first():
    text = (
        "Title\n=====\n\n.. post:: 2020-01-02\n   :tags: a\n\n"
        "Section\n-------\n\n.. post:: 2020-02-03\n   :tags: b\n\nText.\n"
    )
    new, result = convert_rst(text, "x", Site())
    assert new == ":date: 2020-01-02\n:tags: a\n\nTitle\n=====\n\nSection\n-------\n\nText.\n"
    assert result is not None and "section post was dropped" in result.notes[0]


def test_import_a_post_directive_in_a_literal_block_is_text():
    text = "Title\n=====\n\nLike this::\n\n  .. post:: 2020-01-02\n     :tags: a\n"
    assert convert_rst(text, "x", Site()) == (text, None)


def test_import_postlist_options():
    lines = [
        ".. postlist:: 4",
        "   :category: Manual",
        "   :tags: tips, howto",
        "   :location: SF",
        "   :date: %A",
        "",
        "After.",
    ]
    changes = convert_rst_directives(lines, Site())
    assert lines == [".. briefs::", "   :tags: tips, howto, Manual", "   :limit: 4", "", "After."]
    dropped = " | ".join(changes[0].dropped)
    assert "ABlog listed posts with every one of 'tips', 'howto', 'Manual'" in dropped
    assert "location 'SF'" in dropped and "date '%A'" in dropped
    lines = ["```{postlist}", ":sort:", "```", "", "```{update} someday", "Text.", "```"]
    changes = convert_myst_directives(lines, Site())
    assert lines[:4] == ["```{briefs}", ":sort: date", ":exclude-current:", "```"]
    assert lines[5] == "```{update} someday"  # not a date: left, and reported
    assert changes[1].dropped == ["date 'someday' not understood: left as it is"]


def test_import_references():
    labels = Labels(defined={"tag-rules"})
    labels.add_tags(["C++", "North Korea"])
    labels.add_authors(["Mehmet Gerçeker"])
    labels.add_post("posts/2024/launch/index")
    text = (
        ":ref:`tag-c`, :ref:`North <tag-north-korea>`, :ref:`author-mehmet-gerceker`,\n"
        ":ref:`launch`, :ref:`tag-rules`, :ref:`language-en`, :ref:`blog-feed`.\n"
    )
    new, result = convert_refs(text, labels, "rst")
    assert new == (
        ":ref:`newsbrief-tag-c-plus-plus`, :ref:`North <newsbrief-tag-north-korea>`, "
        ":ref:`newsbrief-author-mehmet-gerceker`,\n"
        ":ref:`posts/2024/launch/index`, :ref:`tag-rules`, :ref:`language-en`, :ref:`blog-feed`.\n"
    )
    assert [(line, label) for line, label, _ in result.left] == [
        (2, "language-en"),
        (2, "blog-feed"),
    ]
    md = "See `{ref}`blog-tags``, {ref}`blog-tags` and [x](#tag-other) and [y](#tag-c).\n"
    new, _ = convert_refs(md, labels, "myst")
    assert new == (
        "See `{ref}`blog-tags``, {ref}`newsbrief-tags` and [x](#tag-other) and "
        "[y](#newsbrief-tag-c-plus-plus).\n"
    )


def test_import_references_in_tables_keep_their_columns():
    """A longer label takes spaces from the gap after it, a shorter one gives them back;
    where the gap is too narrow the reference is left and reported (ABlog's own docs
    had a table docutils rejected as malformed after a plain replacement)."""
    labels = Labels()
    labels.add_authors(["Ahmet"])
    rule = "==========  ==========================  ========\n"
    text = (
        "Before a table: :ref:`blog-posts` in prose.\n\n"
        + rule
        + "Archive     Example                     Raw\n"
        + rule
        + "Posts       :ref:`blog-posts`           x\n"
        + "Categories  :ref:`blog-categories`      y\n"
        + "Author      :ref:`author-ahmet`         z\n"
        + rule
        + "\nAfter: :ref:`blog-tags`.\n"
    )
    new, result = convert_refs(text, labels, "rst")
    rows = new.split("\n")
    assert rows[0] == "Before a table: :ref:`newsbrief-archive` in prose."
    assert rows[5] == "Posts       :ref:`newsbrief-archive`    x"  # longer, same columns
    assert rows[6] == "Categories  :ref:`newsbrief-tags`       y"  # shorter, same columns
    assert rows[7] == "Author      :ref:`author-ahmet`         z"  # no room: left
    assert rows[10] == "After: :ref:`newsbrief-tags`."
    assert [(line, label) for line, label, _ in result.left] == [(8, "author-ahmet")]
    assert "too narrow" in result.left[0][2]


def test_import_conf_variants(tmp_path, monkeypatch):
    (tmp_path / "_templates").mkdir()
    (tmp_path / "_templates" / "archives.html").write_text("mine", encoding="utf-8")
    text = (
        '"""An older ABlog site."""\n'
        "from __future__ import annotations\n"
        "import os, ablog\n"
        "from ablog import get_html_templates_path as tpl\n"
        "try:\n"
        "    from ablog.blog import Blog\n"
        "except ImportError:\n"
        "    Blog = None\n"
        "extensions = ('ablog', 'sphinx.ext.todo')\n"
        "templates_path = ['_templates', tpl()]\n"
        "html_sidebars = {'**': ['archives.html', 'tagcloud.html', 'recentposts.html'],\n"
        "                 'index': 'postcard.html'}\n"
        "blog_authors = {k: (k.title(), None) for k in ['ann']}\n"
        "blog_baseurl = os.environ.get('URL', 'https://x.example/')\n"
        "blog_feed_fulltext = bool(os.environ.get('FULL', '1'))\n"
        "post_date_format = '%Y.%m.%d'\n"
        "source_suffix = ['.rst', '.txt']\n"
    )
    new, report = convert_conf(text, read_conf(text), tmp_path)
    path = tmp_path / "conf.py"
    path.write_text(new, encoding="utf-8")
    conf = _exec_conf(path, monkeypatch)
    assert conf["extensions"] == ["sphinx.ext.todo", "sphinx_newsbrief"]
    assert conf["templates_path"] == ["_templates"]
    assert conf["html_sidebars"] == {  # the site's own archives.html stays
        "**": ["archives.html", "newsbrief/sidebar-nav.html"],
        "index": ["newsbrief/sidebar-nav.html"],
    }
    assert conf["newsbrief_authors"] == {"ann": {"name": "Ann"}}
    assert conf["newsbrief_site_url"] == "https://x.example/"
    assert conf["newsbrief_feed_content"] == "full"
    assert conf["newsbrief_date_format"] == "%Y.%m.%d"
    assert conf["Blog"] is None and conf["os"].__name__ == "os"
    assert conf["exclude_patterns"] == ["newsbrief-import-report.txt"]
    assert new.startswith('"""An older ABlog site."""\nfrom __future__ import annotations\n')
    assert "post_date_format -> newsbrief_date_format" in report.converted


def test_import_survives_bad_files(tmp_path):
    """Files it cannot read are left as they are and reported, never a traceback."""
    import shutil

    src = tmp_path / "src"
    shutil.copytree(ABLOG_SITE, src)
    (src / "posts" / "latin1.rst").write_bytes(
        ".. post:: 2020-01-01\n\nCaf\xe9\n".encode("latin-1")
    )
    (src / "posts" / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (src / "posts" / "bad-yaml.md").write_text(
        "---\nblogpost: true\ndate: [unclosed\n---\n# Bad\n", encoding="utf-8"
    )
    (src / "posts" / "odd.rst").write_text(
        ".. post:: someday soon\n   :tags: a\n\nOdd\n===\n", encoding="utf-8"
    )
    result = run_cli("import-ablog", str(src), str(tmp_path / "dst"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report = (tmp_path / "dst" / REPORT).read_text(encoding="utf-8")
    assert "posts/latin1.rst: not UTF-8 text: left as it is" in report
    assert "posts/broken.ipynb: not converted: " in report
    assert "front matter is not valid YAML: the post was left as it is" in report
    assert "date 'someday soon' not understood: written as it is" in report
    for name in ("latin1.rst", "broken.ipynb", "bad-yaml.md"):
        assert (tmp_path / "dst" / "posts" / name).read_bytes() == (
            src / "posts" / name
        ).read_bytes()


def test_the_command_is_declared():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"newsbrief": "sphinx_newsbrief.cli:main"}
    assert project["optional-dependencies"]["serve"] == ["sphinx-autobuild>=2024.2"]
    assert (
        "serve"
        in (SRC.parent / "Makefile")
        .read_text(encoding="utf-8")
        .split("$(VENV)/.test-installed:")[1]
        .split("\n")[1]
    )


def test_import_rst_fields_after_the_title_stay_there():
    text = (
        ".. _release-notes:\n\n"
        "=============\nRelease notes\n=============\n\n"
        ":blogpost: true\n:date: Jan 5, 2022\n:author: Luc\n:orphan:\n\nText.\n"
    )
    new, result = convert_rst(text, "x", Site())
    assert new == (
        ".. _release-notes:\n\n=============\nRelease notes\n=============\n\n"
        ":date: 2022-01-05\n:authors: Luc\n:orphan:\n\nText.\n"
    )
    assert result is not None
    # a post directive with no fields yet: the fields go to the very top
    text = "Title\n=====\n\n.. post:: 2022-01-05\n\nText.\n"
    assert convert_rst(text, "x", Site())[0] == ":date: 2022-01-05\n\nTitle\n=====\n\nText.\n"


def test_new_dates_today_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = date.today()
    assert main(["new", "Today", "--project", str(tmp_path)]) == 0
    name = Path(capsys.readouterr().out.strip()).name
    assert name in {f"{d.isoformat()}-today.md" for d in (before, date.today())}
