"""The command line: ``newsbrief new``, ``import-ablog`` and ``serve``.

Exit codes and stderr are checked through a real process (``python -m
sphinx_newsbrief``); the rest calls :func:`sphinx_newsbrief.cli.main` directly.
"""

from __future__ import annotations

import os
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


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_title_round_trips_through_the_front_matter(title):
    text = myst_text(Brief(title, date(2025, 6, 21), tags=("a: b", "#c")))
    span = front_matter_span(text)
    assert span is not None
    block = text[span[0] : span[1]]
    assert yaml.safe_load(block)["title"] == title  # what MyST reads
    assert yaml.safe_load(block)["tags"] == ["a: b", "#c"]
    assert read_markdown(text).fields["title"].value == title  # what the extension reads


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
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
