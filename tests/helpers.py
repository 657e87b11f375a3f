"""Helpers for tests: parse built HTML and read warnings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def html(app: Any, docname: str) -> BeautifulSoup:
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main(app: Any, docname: str) -> Any:
    """The main content of a page (theme-independent)."""
    soup = html(app, docname)
    return soup.find(attrs={"role": "main"}) or soup.body


def warnings(app: Any) -> list[str]:
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def newsbrief_warnings(app: Any, subtype: str = "") -> list[str]:
    tag = f"[newsbrief.{subtype}]" if subtype else "[newsbrief."
    return [w for w in warnings(app) if tag in w]


def copy_root(rootdir: Path, tmp_path: Path, name: str, dest: str = "src") -> Path:
    """A private copy of a test root, so a test may edit it."""
    import shutil

    src = tmp_path / dest
    shutil.copytree(Path(rootdir) / f"test-{name}", src)
    return src


_ASSET_HASH = re.compile(r"\?v=[0-9a-fA-F]+")


def normalise(text: str, paths: dict[str, Path] | None = None) -> str:
    """``text`` without what changes between machines and runs.

    Each of ``paths`` (placeholder -> absolute path) becomes its placeholder,
    longest path first; the Sphinx and docutils versions become ``<sphinx>`` and
    ``<docutils>``; asset cache-busting hashes (``?v=1a2b``) become ``?v=<hash>``.
    """
    import docutils
    import sphinx

    for label, path in sorted((paths or {}).items(), key=lambda item: -len(str(item[1]))):
        text = text.replace(Path(path).as_posix(), label).replace(str(path), label)
    text = _ASSET_HASH.sub("?v=<hash>", text)
    for version, label in ((sphinx.__version__, "<sphinx>"), (docutils.__version__, "<docutils>")):
        text = re.sub(rf"(?<![\d.]){re.escape(version)}(?![\d.])", label, text)
    return text


def page_html(element: Any) -> str:
    """An element's HTML, prettified, class names sorted (their order means nothing)."""
    for tag in [element, *element.find_all(True)]:
        classes = tag.get("class")
        if classes:
            tag["class"] = sorted(classes)
    return str(element.prettify())


def main_html(soup: BeautifulSoup) -> str:
    """:func:`page_html` of a parsed page's main content (theme-independent)."""
    return page_html(soup.find(attrs={"role": "main"}) or soup.body)


def _build_paths(outdir: Path) -> dict[str, Path]:
    """Placeholders for the output folder and, for ``<src>/_build/<builder>``, the source."""
    paths = {"<outdir>": outdir}
    if outdir.parent.name == "_build":
        paths["<srcdir>"] = outdir.parent.parent
    return paths


def content(outdir: Path) -> dict[str, str]:
    """Every output page, keyed by path: to compare builds (incremental, clean, ``-j``).

    An HTML page is its title, its alternate (feed) links and its whole main
    content as normalised HTML (:func:`main_html`, :func:`normalise`), so any
    difference in markup, attributes, links or text shows; a feed is its text.
    """
    outdir = Path(outdir)
    paths = _build_paths(outdir)
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith("_") or rel in ("genindex.html", "search.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        title = soup.title.get_text() if soup.title else ""
        heads = [link.get("href") for link in soup.find_all("link", rel="alternate")]
        pages[rel] = normalise(f"{title}\n{heads!r}\n{main_html(soup)}", paths)
    for feed in sorted(outdir.rglob("*.xml")):
        pages[feed.relative_to(outdir).as_posix()] = feed.read_text(encoding="utf-8")
    return pages


def mtimes(outdir: Path) -> dict[str, int]:
    return {
        p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
        for p in Path(outdir).rglob("*")
        if p.suffix in (".html", ".xml")
        and not p.relative_to(outdir).as_posix().startswith("_")
        and p.name not in ("genindex.html", "search.html")  # Sphinx writes these every time
    }


def broken_links(outdir: Path) -> list[str]:
    """Internal links of every page whose target file or anchor does not exist."""
    from urllib.parse import unquote, urlsplit

    broken = []
    for page in Path(outdir).rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or a["href"].startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(outdir)} -> {a['href']}")
                continue
            if parts.fragment and target.suffix == ".html":
                other = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                if other.find(id=unquote(parts.fragment)) is None:
                    broken.append(f"{page.relative_to(outdir)} -> {a['href']} (anchor)")
    return broken


DEMO = Path(__file__).parent.parent / "demo"


def copy_demo(dest: Path) -> Path:
    """A copy of the demo project at ``dest`` (without its build folder), to build in tests."""
    import shutil

    shutil.copytree(DEMO, dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def build(make_app: Any, src: Path, builder: str = "html", **kwargs: Any) -> Any:
    """Build ``src`` with a fresh app (same output and doctree folders as before)."""
    app = make_app(builder, srcdir=src, **kwargs)
    app.build()
    return app


def bump(path: Path) -> None:
    """Move a file's mtime forward so that Sphinx sees it as changed."""
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def clean_content(make_app: Any, src: Path, tmp_path: Path) -> dict[str, str]:
    """The :func:`content` of a clean build of a copy of ``src``."""
    import shutil

    clean = tmp_path / "clean"
    if clean.exists():
        shutil.rmtree(clean)
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build"))
    return content(Path(build(make_app, clean, freshenv=True).outdir))


def pdf_text(outdir: Path, name: str, *, layout: bool = False) -> str:
    """Compile ``name``.tex in ``outdir`` with latexmk and return the PDF's text."""
    import subprocess

    run = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    args = ["pdftotext", *(["-layout"] if layout else []), f"{name}.pdf", "-"]
    return subprocess.run(args, cwd=outdir, capture_output=True, text=True, check=True).stdout


needs_tex = __import__("pytest").mark.skipif(
    __import__("shutil").which("latexmk") is None, reason="needs TeX Live (make test installs it)"
)
