"""sphinx-newsbrief: a Sphinx extension for publishing news analysis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .util import MESSAGE_CATALOG, user_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "0.1.0"
#: Bump when the stored records change shape: Sphinx then re-reads everything.
ENV_VERSION = 9
_HERE = Path(__file__).parent
#: Extensions that set MyST up; ``myst_nb`` does so without ``myst_parser``
#: in ``app.extensions``, and fails if ``myst_parser`` was loaded before it.
MYST_PROVIDERS = ("myst_parser", "myst_nb")


def setup(app: Sphinx) -> dict[str, Any]:
    # The features are imported here, not at the top: the command line
    # (``python -m sphinx_newsbrief``) imports the package without loading them.
    from .articles import setup_articles
    from .assets import setup_assets
    from .authors import setup_authors
    from .comments import setup_comments
    from .config import setup_config
    from .corrections import setup_corrections
    from .domain import setup_collector
    from .feed import setup_feed
    from .listings import setup_listings
    from .metadata import setup_metadata
    from .nodes import setup_nodes
    from .pages import setup_pages
    from .pdf import setup_pdf
    from .questions import setup_questions
    from .reactions import setup_reactions
    from .tags import setup_tags
    from .uncertainty import setup_uncertainty
    from .views import setup_views

    load_myst(app)
    setup_config(app)
    setup_collector(app)
    setup_views(app)
    setup_nodes(app)
    setup_tags(app)
    setup_articles(app)
    setup_authors(app)
    setup_listings(app)
    setup_pages(app)
    setup_feed(app)
    setup_metadata(app)
    setup_uncertainty(app)
    setup_reactions(app)
    setup_questions(app)
    setup_comments(app)
    setup_corrections(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(_HERE / "locale"))
    setup_assets(app)
    setup_pdf(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def load_myst(app: Sphinx) -> None:
    """Load MyST-Parser unless the project loads a MyST provider itself.

    The project's ``extensions`` list is known before any extension is set
    up, so a provider listed after this extension counts too. MyST's own
    settings (``myst_enable_extensions`` and the rest) are left as the project
    set them. When this extension is what loads MyST, an explicit
    ``source_suffix`` in ``conf.py`` is kept as written: MyST would add
    ``.md`` to it, and an rST project's stray ``README.md`` would become a page.
    """
    wanted = set(app.extensions) | set(app.config.extensions)
    if any(name in wanted for name in MYST_PROVIDERS):
        return
    app.setup_extension("myst_parser")
    if user_set(app.config, "source_suffix"):
        app.connect("config-inited", _keep_source_suffix, priority=900)


def _keep_source_suffix(app: Sphinx, config: Config) -> None:
    """Drop the suffixes MyST registered that the project's ``source_suffix`` did not list.

    Runs after Sphinx merged the registered suffixes into the config
    (``config-inited`` at priority 800).
    """
    asked = config._raw_config.get("source_suffix", None)  # type: ignore[attr-defined]
    if "source_suffix" in getattr(config, "_overrides", {}):
        asked = config._overrides["source_suffix"]  # type: ignore[attr-defined]
    if isinstance(asked, str):
        asked = [asked]
    wanted = set(asked or ())
    suffixes = dict(config.source_suffix)
    for suffix, filetype in list(suffixes.items()):
        if filetype == "markdown" and suffix not in wanted:
            del suffixes[suffix]
    config.source_suffix = suffixes
