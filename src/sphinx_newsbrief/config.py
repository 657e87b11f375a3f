"""Every ``newsbrief_*`` configuration value: default, types, validator and help.

The table :data:`OPTIONS` is the single source of truth: :func:`setup_config`
registers each value with Sphinx, and :func:`validate_config` checks the user's
values on ``config-inited``, warning (``newsbrief.config``) and falling back to
the default when a value is unusable. The guide's configuration reference is
generated from the same table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .vocabularies import DEFAULT_CONFIDENCE, DEFAULT_LIKELIHOOD, DEFAULT_STANCES, DEFAULT_STATUSES
from .warnings import allowed, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

EDITION_BY = ("day", "week", "month", "none")
#: Builders that get Atom feeds.
FEED_BUILDERS = ("html", "dirhtml")


def feeds_enabled(app: Sphinx) -> bool:
    """Whether this build writes feeds (and pages may link to them)."""
    return (
        app.builder.name in FEED_BUILDERS
        and app.config.newsbrief_feeds is not False
        and bool(app.config.newsbrief_site_url)
    )


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


def _check_vocabulary(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict of tag slug -> {'name': ..., 'description': ...}"
    for key, entry in value.items():
        if not isinstance(key, str):
            return f"has a key that is not a string: {key!r}"
        if isinstance(entry, str):
            continue
        if not isinstance(entry, dict) or not set(entry) <= {"name", "description"}:
            return f"entry {key!r} must be a name or a dict with 'name' and 'description'"
    return None


def _check_aliases(value: Any) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return None
    return "must be a dict of variant -> tag name (strings)"


def _check_optional_bool(value: Any) -> str | None:
    return None if value is None or isinstance(value, bool) else "must be None, True or False"


def _check_statuses(value: Any) -> str | None:
    if not isinstance(value, dict) or not value:
        return "must be a non-empty dict of key -> {'label', 'description', 'icon', 'tone'}"
    tones = ("positive", "info", "neutral", "caution", "negative")
    for key, entry in value.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            return f"entry {key!r} must be a dict with at least a 'label'"
        if entry.get("tone", "neutral") not in tones:
            return f"entry {key!r} has tone {entry.get('tone')!r}; allowed: {allowed(tones)}"
    return None


def _check_likelihood(value: Any) -> str | None:
    if not isinstance(value, dict) or not value:
        return "must be a non-empty dict of term -> {'label': ..., 'range': [low, high]}"
    for key, entry in value.items():
        bounds = entry.get("range") if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("label"), str)
            or not isinstance(bounds, (list, tuple))
            or len(bounds) != 2
            or not all(isinstance(b, (int, float)) and 0 <= b <= 100 for b in bounds)
            or bounds[0] > bounds[1]
        ):
            return f"entry {key!r} must have a 'label' and a 'range' [low, high] within 0-100"
    return None


def _check_levels(value: Any) -> str | None:
    if not isinstance(value, dict) or not value:
        return "must be a non-empty dict of level -> {'label': ..., 'description': ...}"
    for key, entry in value.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            return f"entry {key!r} must be a dict with at least a 'label'"
    return None


def _check_str(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


@dataclass(frozen=True)
class Option:
    """One configuration value of the extension."""

    name: str
    default: Any
    rebuild: Literal["env", "html", ""]
    types: tuple[type, ...]
    help: str
    check: Callable[[Any], str | None] | None = None


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
        _check_str,
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
        _check_vocabulary,
    ),
    Option(
        "newsbrief_tag_aliases",
        {},
        "env",
        (dict,),
        "Variants mapped to a tag name, e.g. ``{'DPRK': 'North Korea'}``.",
        _check_aliases,
    ),
    Option(
        "newsbrief_statuses",
        DEFAULT_STATUSES,
        "env",
        (dict,),
        "Statuses of uncertain claims: key -> ``{'label', 'description', 'icon', 'tone'}`` "
        "(tone: positive, info, neutral, caution or negative).",
        _check_statuses,
    ),
    Option(
        "newsbrief_likelihood_scale",
        DEFAULT_LIKELIHOOD,
        "env",
        (dict,),
        "Words of estimative probability, in order: key -> ``{'label', 'range': [low, high]}`` "
        "in percent. The default is the ICD 203 scale.",
        _check_likelihood,
    ),
    Option(
        "newsbrief_confidence_levels",
        DEFAULT_CONFIDENCE,
        "env",
        (dict,),
        "Analytic confidence levels: key -> ``{'label', 'description'}``.",
        _check_levels,
    ),
    Option(
        "newsbrief_stances",
        DEFAULT_STANCES,
        "env",
        (dict,),
        "Stances of reactions: key -> ``{'label', 'tone', 'description'}`` "
        "(tone: positive, info, neutral, caution or negative).",
        _check_statuses,
    ),
    Option(
        "newsbrief_actor_aliases",
        {},
        "env",
        (dict,),
        "Variants of actor names mapped to one name, e.g. ``{'US': 'United States'}``.",
        _check_aliases,
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
        "newsbrief_feed_length",
        20,
        "html",
        (int,),
        "Number of newest articles in each feed.",
        _check_positive_int,
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
    """Warn about unusable values and fall back to their defaults."""
    for opt in OPTIONS:
        if opt.check is None:
            continue
        value = getattr(config, opt.name)
        problem = opt.check(value)
        if problem:
            warn("config", f"{opt.name} = {value!r} {problem}; using {opt.default!r}")
            setattr(config, opt.name, opt.default)
