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


def content(outdir: Path) -> dict[str, str]:
    """Every output page's main content (text and link targets), keyed by path."""
    pages = {}
    for page in sorted(Path(outdir).rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith("_") or rel in ("genindex.html", "search.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.find(attrs={"role": "main"}) or soup.body
        links = [a.get("href") for a in body.find_all("a")]
        heads = [link.get("href") for link in soup.find_all("link", rel="alternate")]
        pages[rel] = " ".join(body.get_text(" ").split()) + repr(links) + repr(heads)
    for feed in sorted(Path(outdir).rglob("*.xml")):
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
