"""sphinx-newsbrief: a Sphinx extension for publishing news analysis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import setup_articles
from .config import setup_config
from .domain import setup_collector
from .feed import setup_feed
from .listings import setup_listings
from .pages import setup_pages
from .questions import setup_questions
from .reactions import setup_reactions
from .tags import setup_tags
from .uncertainty import setup_uncertainty
from .util import MESSAGE_CATALOG

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "0.1.0"
#: Bump when the stored records change shape: Sphinx then re-reads everything.
ENV_VERSION = 2
_HERE = Path(__file__).parent
_MYST_DEFAULT_EXTENSIONS = ("colon_fence", "deflist")


def setup(app: Sphinx) -> dict[str, Any]:
    if "myst_parser" not in app.extensions:
        app.setup_extension("myst_parser")
    setup_config(app)
    setup_collector(app)
    setup_tags(app)
    setup_articles(app)
    setup_listings(app)
    setup_pages(app)
    setup_feed(app)
    setup_uncertainty(app)
    setup_reactions(app)
    setup_questions(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(_HERE / "locale"))
    app.connect("config-inited", _enable_myst_extensions, priority=300)
    app.connect("builder-inited", _add_assets)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _enable_myst_extensions(app: Sphinx, config: Config) -> None:
    """Turn on MyST's ``colon_fence`` and ``deflist`` unless the user chose extensions."""
    raw = getattr(config, "_raw_config", {})
    overrides = getattr(config, "_overrides", {})
    if "myst_enable_extensions" in raw or "myst_enable_extensions" in overrides:
        return
    config.myst_enable_extensions = list(_MYST_DEFAULT_EXTENSIONS)


def _add_assets(app: Sphinx) -> None:
    """Ship the stylesheet to HTML builders only."""
    if app.builder.format != "html":
        return
    static = str(_HERE / "static")
    html_static_path = list(app.config.html_static_path)
    if static not in html_static_path:
        app.config.html_static_path = [*html_static_path, static]
    app.add_css_file("newsbrief.css")
