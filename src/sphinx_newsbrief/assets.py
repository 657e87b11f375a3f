"""The stylesheets, for HTML builders only.

``newsbrief.css`` has light colours and turns dark only on the theme's own
dark switch (furo: ``body[data-theme="dark"]``; pydata-sphinx-theme and
sphinx-book-theme: ``html[data-theme="dark"]``). The reader's OS setting is
honoured only where the theme itself follows it: those themes (furo and the
themes that inherit from it) also get ``newsbrief-os-dark.css``. A page the
theme shows light therefore never gets dark boxes (alabaster has no dark mode;
pydata and book resolve their "auto" mode to ``data-theme`` in JavaScript).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "newsbrief.css"
OS_DARK_STYLESHEET = "newsbrief-os-dark.css"
#: Themes whose stylesheets switch to dark on ``prefers-color-scheme`` by
#: themselves (furo: ``body:not([data-theme="light"])`` in that media query).
OS_FOLLOWING_THEMES = frozenset({"furo"})


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_assets)


def add_static_path(app: Sphinx, config: Config) -> None:
    """Put the package's static folder on ``html_static_path``.

    Done on ``config-inited`` (not when the builder starts), so the configuration
    Sphinx saves with the environment is the one the next build makes, and an
    unchanged project is not reported as "configuration changed".
    """
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def add_assets(app: Sphinx) -> None:
    """Link the stylesheets in pages of HTML builders only."""
    if app.builder.format != "html":
        return
    app.add_css_file(STYLESHEET)
    if theme_lineage(app) & OS_FOLLOWING_THEMES:
        app.add_css_file(OS_DARK_STYLESHEET)


def theme_lineage(app: Sphinx) -> frozenset[str]:
    """The HTML theme's name and the names of the themes it inherits from.

    Sphinx 7.4 to 9 keep only the theme's own name and its directories (the
    theme's first, then each ancestor's) on ``builder.theme``; the names of
    the ancestors come from the registry of themes, which maps each name to
    its directory. A builder without a theme gives an empty set.
    """
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return frozenset()
    names = {str(getattr(theme, "name", ""))}
    get_dirs = getattr(theme, "get_theme_dirs", None)
    dirs = {_resolved(d) for d in get_dirs()} if callable(get_dirs) else set()
    registered = getattr(app.registry, "html_themes", {})
    names.update(name for name, path in registered.items() if _resolved(path) in dirs)
    return frozenset(names - {""})


def _resolved(path: str | Path) -> Path:
    return Path(path).resolve()
