"""Every ``newsbrief_*`` configuration value: default, types, validator and help.

The table :data:`OPTIONS` is the single source of truth: :func:`setup_config`
registers each value with Sphinx, and :func:`validate_config` checks the user's
values on ``config-inited``, warning (``newsbrief.config``) and falling back to
the default when a value is unusable; in a dict of entries (a vocabulary, a
table of aliases) a bad entry is left out on its own. The guide's
configuration reference is generated from the same table.

The features read the checked values through one typed object,
:class:`.settings.Settings`, made once per configuration (:func:`.settings.settings`),
with the vocabularies already normalised into :class:`.settings.Term` records;
those names are also importable from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .settings import (
    Settings,
    TagVocabulary,
    Term,
    comment_embed,
    make_settings,
    settings,
)
from .vocabularies import DEFAULT_CONFIDENCE, DEFAULT_LIKELIHOOD, DEFAULT_STANCES, DEFAULT_STATUSES
from .warnings import allowed, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = [
    "EDITION_BY",
    "FEED_BUILDERS",
    "OPTIONS",
    "TONES",
    "Option",
    "Settings",
    "TagVocabulary",
    "Term",
    "feeds_enabled",
    "settings",
    "setup_config",
    "validate_config",
]

EDITION_BY = ("day", "week", "month", "none")
#: Builders that get Atom feeds.
FEED_BUILDERS = ("html", "dirhtml")


TONES = ("positive", "info", "neutral", "caution", "negative")


def feeds_enabled(app: Sphinx) -> bool:
    """Whether this build writes feeds (and pages may link to them)."""
    config = settings(app.config)
    return app.builder.name in FEED_BUILDERS and config.feeds is not False and bool(config.site_url)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _check_edition_by(value: Any) -> str | None:
    if value in EDITION_BY:
        return None
    return f"must be one of {allowed(EDITION_BY)}"


def _check_str_list(value: Any) -> str | None:
    return None if _is_str_list(value) else "must be a list of strings"


def _check_positive_int(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return None
    return "must be a positive integer"


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _check_dict(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a dict"


def _check_nonempty_dict(value: Any) -> str | None:
    return None if isinstance(value, dict) and value else "must be a non-empty dict"


def _check_optional_bool(value: Any) -> str | None:
    return None if value is None or isinstance(value, bool) else "must be None, True or False"


# -- checks of one entry of a dict value (a bad entry is left out alone) -----------------


def _tag_entry(key: Any, entry: Any) -> str | None:
    if not isinstance(key, str):
        return "is not a string key"
    if isinstance(entry, str):
        return None
    if not isinstance(entry, dict) or not set(entry) <= {"name", "description"}:
        return "must be a name or a dict with 'name' and 'description'"
    return None


def _alias_entry(key: Any, entry: Any) -> str | None:
    if isinstance(key, str) and isinstance(entry, str):
        return None
    return "must map a variant to a name (strings)"


def _labelled_entry(key: Any, entry: Any) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
        return "must be a dict with at least a 'label'"
    return None


def _toned_entry(key: Any, entry: Any) -> str | None:
    problem = _labelled_entry(key, entry)
    if problem is None and entry.get("tone", "neutral") not in TONES:
        problem = f"has tone {entry.get('tone')!r}; allowed: {allowed(TONES)}"
    return problem


def _likelihood_entry(key: Any, entry: Any) -> str | None:
    bounds = entry.get("range") if isinstance(entry, dict) else None
    if (
        _labelled_entry(key, entry)
        or not isinstance(bounds, (list, tuple))
        or len(bounds) != 2
        or not all(isinstance(b, (int, float)) and 0 <= b <= 100 for b in bounds)
        or bounds[0] > bounds[1]
    ):
        return "must have a 'label' and a 'range' [low, high] within 0-100"
    return None


PDF_KINDS = ("briefs", "editions")


def _check_pdf(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if not isinstance(value, dict):
        return f"must be a dict with the keys {allowed(PDF_KINDS)} (True or False each), or a bool"
    for key, entry in value.items():
        if key not in PDF_KINDS:
            return f"has the unknown key {key!r}; allowed: {allowed(PDF_KINDS)}"
        if not isinstance(entry, bool):
            return f"[{key!r}] must be True or False"
    return None


def _check_str(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _check_date_format(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    from datetime import datetime

    from sphinx.util.i18n import format_date

    try:
        format_date(value, date=datetime(2025, 6, 21, 14, 30), language="en")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return (
            f"cannot be shown ({error}); use strftime codes Sphinx supports, "
            "such as %-d %B %Y or %Y-%m-%d"
        )
    return None


def _check_comments(value: Any) -> str | None:
    return comment_embed(value)[1]


FEED_CONTENT = ("summary", "full")


def _check_feed_content(value: Any) -> str | None:
    return None if value in FEED_CONTENT else f"must be one of {allowed(FEED_CONTENT)}"


AUTHOR_FIELDS = ("name", "url", "bio")


def _author_entry(key: Any, entry: Any) -> str | None:
    if not isinstance(key, str) or not key.strip():
        return "is not a non-empty string key"
    if isinstance(entry, str) and entry.strip():
        return None
    if (
        not isinstance(entry, dict)
        or not set(entry) <= set(AUTHOR_FIELDS)
        or not all(isinstance(v, str) for v in entry.values())
    ):
        return f"must be a name or a dict with the string keys {allowed(AUTHOR_FIELDS)}"
    return None


@dataclass(frozen=True)
class Option:
    """One configuration value of the extension."""

    name: str
    default: Any
    rebuild: Literal["env", "html", ""]
    types: tuple[type, ...]
    help: str
    check: Callable[[Any], str | None] | None = None
    #: For dict values: a check of one entry (key, value); bad entries are left out.
    entry: Callable[[Any, Any], str | None] | None = None
    #: The warning subtype of a bad value (``newsbrief.<subtype>``).
    subtype: str = "config"


OPTIONS: tuple[Option, ...] = (
    Option(
        "newsbrief_article_patterns",
        [],
        "env",
        (list, tuple),
        "Glob patterns of docnames that are articles even without a ``date`` "
        "(e.g. ``['briefs/*']``).",
        _check_str_list,
    ),
    Option(
        "newsbrief_articles_in_toctree",
        False,
        "env",
        (bool,),
        "If False (default), articles are expected outside any toctree and Sphinx's "
        "'not included in any toctree' warning is silenced for them.",
        _check_bool,
    ),
    Option(
        "newsbrief_article_header",
        True,
        "env",
        (bool,),
        "Show the header (dateline, dates, authors, reading time, tags) under "
        "each article's title.",
        _check_bool,
    ),
    Option(
        "newsbrief_edition_by",
        "week",
        "env",
        (str,),
        "How articles without an explicit ``edition`` are grouped: ``day`` "
        "(2025-06-21), ``week`` (ISO week, 2025-W25), ``month`` (2025-06) or ``none``.",
        _check_edition_by,
    ),
    Option(
        "newsbrief_date_format",
        "%-d %B %Y",
        "env",
        (str,),
        "strftime-style format for dates shown to readers; month names follow "
        "Sphinx's ``language``.",
        _check_date_format,
    ),
    Option(
        "newsbrief_words_per_minute",
        220,
        "env",
        (int,),
        "Reading speed used for the reading time in the article header.",
        _check_positive_int,
    ),
    Option(
        "newsbrief_metadata_keys",
        [],
        "env",
        (list, tuple),
        "Extra front-matter keys that articles may use without an 'unknown key' "
        "warning (keys read by Sphinx, MyST and common themes are always allowed).",
        _check_str_list,
    ),
    Option(
        "newsbrief_tags",
        {},
        "env",
        (dict,),
        "Optional controlled vocabulary: tag slug -> ``{'name': ..., 'description': ...}``. "
        "When set, tags outside it give a ``newsbrief.tag`` warning (and still work).",
        _check_dict,
        _tag_entry,
    ),
    Option(
        "newsbrief_tag_aliases",
        {},
        "env",
        (dict,),
        "Variants mapped to a tag name, e.g. ``{'DPRK': 'North Korea'}``.",
        _check_dict,
        _alias_entry,
    ),
    Option(
        "newsbrief_statuses",
        DEFAULT_STATUSES,
        "env",
        (dict,),
        "Statuses of uncertain claims: key -> ``{'label', 'description', 'icon', 'tone'}`` "
        "(tone: positive, info, neutral, caution or negative).",
        _check_nonempty_dict,
        _toned_entry,
    ),
    Option(
        "newsbrief_likelihood_scale",
        DEFAULT_LIKELIHOOD,
        "env",
        (dict,),
        "Words of estimative probability, in order: key -> ``{'label', 'range': [low, high]}`` "
        "in percent. The default is the ICD 203 scale.",
        _check_nonempty_dict,
        _likelihood_entry,
    ),
    Option(
        "newsbrief_confidence_levels",
        DEFAULT_CONFIDENCE,
        "env",
        (dict,),
        "Analytic confidence levels: key -> ``{'label', 'description'}``.",
        _check_nonempty_dict,
        _labelled_entry,
    ),
    Option(
        "newsbrief_stances",
        DEFAULT_STANCES,
        "env",
        (dict,),
        "Stances of reactions: key -> ``{'label', 'tone', 'description'}`` "
        "(tone: positive, info, neutral, caution or negative).",
        _check_nonempty_dict,
        _toned_entry,
    ),
    Option(
        "newsbrief_actor_aliases",
        {},
        "env",
        (dict,),
        "Variants of actor names mapped to one name, e.g. ``{'US': 'United States'}``.",
        _check_dict,
        _alias_entry,
    ),
    Option(
        "newsbrief_page_size",
        25,
        "env",
        (int,),
        "Number of articles per page on generated tag, archive and edition pages.",
        _check_positive_int,
    ),
    Option(
        "newsbrief_site_url",
        "",
        "html",
        (str,),
        "Absolute URL of the published site, used for feeds and canonical links.",
        _check_str,
    ),
    Option(
        "newsbrief_publisher",
        "",
        "html",
        (str,),
        "Name of the publisher: the author of the Atom feeds and the publisher in "
        "articles' JSON-LD. Empty (default): feeds name the project's ``author`` if "
        "``conf.py`` sets it, else the site title (``html_title`` if set, else ``project``).",
        _check_str,
    ),
    Option(
        "newsbrief_feeds",
        None,
        "html",
        (bool, type(None)),
        "Atom feeds: ``None`` (default) writes them when ``newsbrief_site_url`` is set; "
        "``True`` also warns (``newsbrief.feed``) when it is not; ``False`` turns them off.",
        _check_optional_bool,
    ),
    Option(
        "newsbrief_pdf",
        {},
        "",
        (dict, bool),
        "Printable PDFs beside the project's own ``latex_documents``: "
        '``{"briefs": True}`` adds one PDF per article (``<name>.pdf``), '
        '``{"editions": True}`` one per edition (``edition-<slug>.pdf``); ``True`` both. '
        "``sphinx-build -M latexpdf`` builds them; with either on, ``latex_engine`` "
        'defaults to ``"xelatex"`` (Korean, Persian, Cyrillic names print).',
        _check_pdf,
        subtype="pdf",
    ),
    Option(
        "newsbrief_comments",
        {},
        "env",
        (dict,),
        "Comments under each article (HTML only; ``comments: false`` in an article's "
        "front matter leaves them off that page). ``{}`` (default): off. "
        '``{"provider": "giscus", "repo": "owner/name", "repo-id": ..., "category": ..., '
        '"category-id": ...}`` takes giscus\'s script settings (``mapping`` (default '
        '``"pathname"``), ``term``, ``strict``, ``reactions-enabled``, ``emit-metadata``, '
        "``input-position``, ``lang``, ``loading``, ``theme``); "
        '``{"provider": "utterances", "repo": "owner/name"}`` takes ``issue-term`` (default '
        '``"pathname"``), ``issue-number``, ``label``, ``theme``. Without a ``theme`` the '
        "embed follows the page: light, dark, or the reader's OS setting where the theme "
        "follows it. A bad value warns (``newsbrief.comments``) and adds no comments.",
        _check_comments,
        subtype="comments",
    ),
    Option(
        "newsbrief_feed_length",
        20,
        "html",
        (int,),
        "Number of newest articles in each feed.",
        _check_positive_int,
    ),
    Option(
        "newsbrief_feed_content",
        "summary",
        "html",
        (str,),
        'What a feed entry holds: ``"summary"`` (default: the summary or excerpt) or '
        '``"full"`` (also the article body as HTML, with absolute links and image URLs).',
        _check_feed_content,
        subtype="feed",
    ),
    Option(
        "newsbrief_excerpt_words",
        50,
        "env",
        (int,),
        "Most words of the automatic excerpt (the first paragraph) that listings, feeds "
        "and page metadata show for an article without a ``summary``.",
        _check_positive_int,
    ),
    Option(
        "newsbrief_authors",
        {},
        "env",
        (dict,),
        "Optional author registry: key -> ``{'name': ..., 'url': ..., 'bio': ...}`` (or just "
        "a name). Front-matter ``authors`` may give the key or the name; bylines link to the "
        "author's generated page (``authors/<key>``), which shows the ``bio``, and the "
        "``url`` goes into the article's JSON-LD.",
        _check_dict,
        _author_entry,
    ),
    Option(
        "newsbrief_show_future",
        False,
        "env",
        (bool,),
        "If False (default), an article dated after the build (or after "
        "``SOURCE_DATE_EPOCH``) is built but left out of listings, feeds and editions "
        "until a build on or after its date; True lists it at once.",
        _check_bool,
    ),
)


def setup_config(app: Sphinx) -> None:
    """Register every option and its validation."""
    for opt in OPTIONS:
        app.add_config_value(
            opt.name, opt.default, opt.rebuild, types=opt.types, description=opt.help
        )
    app.connect("config-inited", validate_config, priority=400)


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about unusable values and fall back to their defaults, then make the settings."""
    for opt in OPTIONS:
        value = getattr(config, opt.name)
        problem = opt.check(value) if opt.check else None
        if problem:
            warn(opt.subtype, f"{opt.name} = {value!r} {problem}; using {opt.default!r}")
            setattr(config, opt.name, opt.default)
        elif opt.entry is not None:
            _drop_bad_entries(config, opt, value)
    make_settings(config)


def _drop_bad_entries(config: Config, opt: Option, value: dict[Any, Any]) -> None:
    """Leave out the entries of a dict value that fail ``opt.entry``, each with a warning."""
    assert opt.entry is not None
    kept = {}
    for key, entry in value.items():
        problem = opt.entry(key, entry)
        if problem:
            warn("config", f"{opt.name}[{key!r}] {problem}; this entry is left out")
        else:
            kept[key] = entry
    if len(kept) == len(value):
        return
    if value and not kept and opt.check is _check_nonempty_dict:
        warn("config", f"{opt.name} has no usable entry; using {opt.default!r}")
        kept = dict(opt.default)
    setattr(config, opt.name, kept)
