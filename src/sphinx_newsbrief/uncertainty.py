"""Labelled uncertainty: the ``{uncertainty}`` box, the ``{claim}`` role, the register.

Each uncertain statement carries a *status* (confirmed, reported, ...), and
optionally a *likelihood* on an estimative scale (ICD 203 by default) and a
*confidence* level, kept as two separately labelled items, plus a source,
an as-of date and an Admiralty source grade. Vocabularies are configurable.
Every block and claim is stored in the collector, so ``{uncertaintylist}``
shows a register of the whole site that stays right under incremental and
parallel builds; ``{uncertaintylegend}`` prints the scale in use.

Bad values never drop content: an unknown status, likelihood or confidence
warns (listing the allowed values) and is shown as "unrated".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from . import frontmatter
from .articles import articles_by_date, get_article, make_date
from .domain import Context, ViewOptions, get_store, make_view, register_view, view_node
from .shared import NewsbriefDirective
from .tags import tag_slug
from .util import _, doc_uri, pairs, table_row
from .visitors import (
    delegate,
    depart_aside_html,
    passthrough,
    skip,
    visit_aside_html,
    visitors,
)
from .warnings import allowed, did_you_mean, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

UNRATED = "unrated"

DEFAULT_STATUSES: dict[str, dict[str, str]] = {
    "confirmed": {
        "label": "Confirmed",
        "description": "Verified by the desk or by independent, reliable sources.",
        "icon": "\N{CHECK MARK}",
        "tone": "positive",
    },
    "reported": {
        "label": "Reported",
        "description": "Reported by credible outlets; not independently verified.",
        "icon": "\N{CIRCLE WITH LEFT HALF BLACK}",
        "tone": "info",
    },
    "unconfirmed": {
        "label": "Unconfirmed",
        "description": "Claimed or circulating, with no official or independent confirmation.",
        "icon": "?",
        "tone": "caution",
    },
    "disputed": {
        "label": "Disputed",
        "description": "Contradicted by other credible sources or parties.",
        "icon": "\N{LEFT RIGHT ARROW}",
        "tone": "caution",
    },
    "denied": {
        "label": "Denied",
        "description": "Officially denied by the party concerned.",
        "icon": "\N{MULTIPLICATION X}",
        "tone": "negative",
    },
    "speculative": {
        "label": "Speculative",
        "description": "Analysis or expectation, not a reported fact.",
        "icon": "\N{HORIZONTAL ELLIPSIS}",
        "tone": "neutral",
    },
}

#: ICD 203 expressions of likelihood, with their ranges in percent.
DEFAULT_LIKELIHOOD: dict[str, dict[str, Any]] = {
    "almost-no-chance": {"label": "Almost no chance", "range": [1, 5]},
    "very-unlikely": {"label": "Very unlikely", "range": [5, 20]},
    "unlikely": {"label": "Unlikely", "range": [20, 45]},
    "roughly-even": {"label": "Roughly even chance", "range": [45, 55]},
    "likely": {"label": "Likely", "range": [55, 80]},
    "very-likely": {"label": "Very likely", "range": [80, 95]},
    "almost-certain": {"label": "Almost certain", "range": [95, 99]},
}

DEFAULT_CONFIDENCE: dict[str, dict[str, str]] = {
    "low": {"label": "Low", "description": "Scant, questionable or fragmented information."},
    "moderate": {
        "label": "Moderate",
        "description": "Credibly sourced and plausible, but not corroborated enough for more.",
    },
    "high": {"label": "High", "description": "High-quality information from several sources."},
}

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
#: LaTeX admonition type (box style) for each tone.
LATEX_BOX = {
    "positive": "tip",
    "info": "note",
    "neutral": "note",
    "caution": "caution",
    "negative": "warning",
}


def setup_uncertainty(app: Sphinx) -> None:
    app.add_directive("uncertainty", UncertaintyDirective)
    app.add_role("claim", ClaimRole())
    app.add_directive("uncertaintylist", UncertaintyListDirective)
    app.add_directive("uncertaintylegend", UncertaintyLegendDirective)
    app.add_node(
        uncertainty_node,
        **visitors(
            delegate("admonition"),
            html=(visit_aside_html, depart_aside_html),
            latex=(visit_uncertainty_latex, depart_uncertainty_latex),
        ),
    )
    app.add_node(
        labels_node,
        **visitors(
            delegate("field_list"),
            latex=(visit_labels_latex, None),
            text=(visit_labels_text, None),
        ),
    )
    app.add_node(
        status_abbr,
        **visitors(
            delegate("abbreviation"),
            latex=(passthrough, passthrough),
            texinfo=(passthrough, passthrough),
        ),
    )
    app.add_node(icon_node, **visitors((skip, None), html=(visit_icon_html, depart_icon_html)))
    register_view("uncertaintylist", resolve_register, render_register)
    app.add_post_transform(PrintableLabels)


# -- nodes ---------------------------------------------------------------------------


class uncertainty_node(nodes.admonition):  # noqa: N801
    """A labelled uncertainty box; ``tone`` chooses its look."""


class labels_node(nodes.field_list):  # noqa: N801
    """The labelled facts of an uncertainty box (compact lines in LaTeX)."""


class status_abbr(nodes.abbreviation):  # noqa: N801
    """A status label whose meaning is a tooltip in HTML and left out in print."""


class icon_node(nodes.inline):  # noqa: N801
    """A decorative icon: shown in HTML (hidden from screen readers), dropped elsewhere."""


def visit_labels_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """One line per label: ``Status: Unconfirmed``, in a small font."""
    lines = []
    for field in node.findall(nodes.field):
        name, body = field[0].astext(), " ".join(field[1].astext().split())
        lines.append(rf"\textbf{{{self.encode(name)}:}} {self.encode(body)}")
    self.body.append("\n\\par{\\small " + "\\\\\n".join(lines) + "\\par}\n")
    raise nodes.SkipNode


def visit_labels_text(self: Any, node: nodes.Element) -> None:
    """One line per label, as in print."""
    lines = [
        f"{field[0].astext()}: {' '.join(field[1].astext().split())}"
        for field in node.findall(nodes.field)
    ]
    self.new_state(0)
    self.add_text("\n".join(lines))
    self.end_state(wrap=False)
    raise nodes.SkipNode


class PrintableLabels(SphinxPostTransform):
    """Outside HTML: drop decorative icons and tooltip-only explanations."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        builder_cls = getattr(self.env, "_builder_cls", None)  # Sphinx 8.1+
        builder_format = builder_cls.format if builder_cls else self.app.builder.format
        if builder_format == "html":
            return
        for icon in list(self.document.findall(icon_node)):
            icon.parent.remove(icon)
        for label in list(self.document.findall(status_abbr)):
            label.replace_self(nodes.inline(label.astext(), label.astext()))


def visit_uncertainty_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    box = LATEX_BOX.get(node.get("tone", ""), "note")
    self.body.append(f"\n\\begin{{sphinxadmonition}}{{{box}}}")
    self.no_latex_floats += 1


def depart_uncertainty_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\\end{sphinxadmonition}\n")
    self.no_latex_floats -= 1


def visit_icon_html(self: HTML5Translator, node: nodes.Element) -> None:
    attrs: dict[str, Any] = {"aria-hidden": "true"}
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_icon_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


# -- vocabularies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """The statuses, likelihood scale and confidence levels in use."""

    statuses: dict[str, dict[str, str]]
    likelihood: dict[str, dict[str, Any]]
    confidence: dict[str, dict[str, str]]

    @classmethod
    def from_config(cls, config: Config) -> Scale:
        return cls(
            {str(k).lower(): v for k, v in config.newsbrief_statuses.items()},
            {str(k).lower(): v for k, v in config.newsbrief_likelihood_scale.items()},
            {str(k).lower(): v for k, v in config.newsbrief_confidence_levels.items()},
        )

    def status_label(self, key: str) -> str:
        return str(self.statuses.get(key, {}).get("label", _("Unrated")))

    def likelihood_label(self, key: str) -> str:
        entry = self.likelihood.get(key)
        if entry is None:
            return _("Unrated")
        low, high = entry["range"]
        return f"{entry['label']} ({low}\N{EN DASH}{high}\N{NO-BREAK SPACE}%)"

    def confidence_label(self, key: str) -> str:
        return str(self.confidence.get(key, {}).get("label", _("Unrated")))


def scale(env: BuildEnvironment) -> Scale:
    cached: Scale | None = getattr(env, "_newsbrief_scale", None)
    if cached is None:
        cached = Scale.from_config(env.config)
        env._newsbrief_scale = cached  # type: ignore[attr-defined]
    return cached


def check_choice(
    value: str, choices: dict[str, Any], what: str, location: Any, subtype: str = "uncertainty"
) -> str:
    """``value`` if it is a known key (case-insensitive), else warn and return "unrated"."""
    key = value.strip().lower().replace(" ", "-").replace("_", "-")
    if key in choices:
        return key
    warn(
        subtype,
        f"unknown {what} {value!r}{did_you_mean(key, choices)}; allowed: {allowed(choices)}; "
        "shown as unrated",
        location,
    )
    return UNRATED


def grade_meaning(grade: str) -> str | None:
    """The meaning of an Admiralty grade such as ``B2``, or None if invalid."""
    match = re.fullmatch(r"([A-Fa-f])([1-6])", grade.strip())
    if not match:
        return None
    return f"{RELIABILITY[match.group(1).upper()]}, {CREDIBILITY[match.group(2)]}"


# -- records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One uncertainty block or claim, as stored in the collector."""

    docname: str
    position: int
    anchor: str
    kind: str  # "block" or "claim"
    text: str
    status: str
    likelihood: str
    confidence: str
    as_of: str
    source: str
    grade: str


def _next_anchor(env: BuildEnvironment) -> tuple[int, str]:
    count = int(env.temp_data.get("newsbrief_uncertainty_count") or 0) + 1
    env.temp_data["newsbrief_uncertainty_count"] = count
    return count, f"nb-uncertainty-{count}"


# -- the box -------------------------------------------------------------------------------


class UncertaintyDirective(NewsbriefDirective):
    """``{uncertainty} [title]``: a labelled box around uncertain content."""

    subtype = "uncertainty"
    known_options = ("status", "likelihood", "confidence", "source", "as-of", "grade", "class")
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        sc = scale(self.env)
        status = self._pick("status", sc.statuses, "status")
        likelihood = self._pick("likelihood", sc.likelihood, "likelihood")
        confidence = self._pick("confidence", sc.confidence, "confidence")
        as_of = self._as_of()
        grade = self._grade()
        source = self.text_option("source")
        if not self.content:
            self.warn("uncertainty: the box has no text; say what is uncertain and why")
        info = sc.statuses.get(status, {})
        title = self.arguments[0] if self.arguments else sc.status_label(status)
        position, anchor = _next_anchor(self.env)
        node = uncertainty_node(
            classes=[
                "nb-uncertainty",
                f"nb-status-{status}",
                f"nb-tone-{info.get('tone', 'neutral')}",
            ],
            ids=[anchor],
            tone=info.get("tone", "neutral"),
        )
        self.set_source_info(node)
        heading = nodes.title("", "")
        if info.get("icon"):
            heading += icon_node(info["icon"], info["icon"], classes=["nb-icon"])
        inline, _msgs = self.parse_inline(title, lineno=self.lineno)
        heading.extend(inline)
        node += heading
        node += labels(self.env, status, likelihood, confidence, as_of, source, grade)
        self.state.nested_parse(self.content, self.content_offset, node)
        if not self.arguments:
            title = _summary(node) or title
        get_store(self.env).append(
            "uncertainty",
            self.env.docname,
            Item(
                self.env.docname,
                position,
                anchor,
                "block",
                title,
                status,
                likelihood,
                confidence,
                as_of,
                source,
                grade,
            ),
        )
        return [node]

    def _pick(self, option: str, choices: dict[str, Any], what: str) -> str:
        value = self.text_option(option)
        if not value:
            return self._missing_status() if option == "status" else ""
        return check_choice(value, choices, what, self.get_location())

    def _missing_status(self) -> str:
        self.warn(
            f"uncertainty: no :status:; allowed: {allowed(scale(self.env).statuses)}; "
            "shown as unrated"
        )
        return UNRATED

    def _as_of(self) -> str:
        value = self.text_option("as-of")
        if value and frontmatter.parse_date(value) is None:
            self.warn(f"uncertainty: :as-of: {value!r} is not a date (use e.g. 2025-06-21)")
            return ""
        return frontmatter.parse_date(value) or ""

    def _grade(self) -> str:
        value = self.text_option("grade")
        if value and grade_meaning(value) is None:
            self.warn(
                f"uncertainty: :grade: {value!r} is not an Admiralty grade: a source letter "
                "A-F and an information number 1-6, e.g. B2"
            )
            return ""
        return value.upper()


def _summary(node: nodes.Element, limit: int = 120) -> str:
    """The first sentence of a box's body, to name it in the register."""
    for candidate in node.findall(nodes.paragraph):
        if not isinstance(candidate.parent, nodes.field_body):
            paragraph = candidate
            break
    else:
        return ""
    text = " ".join(paragraph.astext().split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return (
        sentence
        if len(sentence) <= limit
        else sentence[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    )


def labels(
    env: BuildEnvironment,
    status: str,
    likelihood: str,
    confidence: str,
    as_of: str,
    source: str,
    grade: str,
) -> labels_node:
    """The labelled facts of a box: each its own field, never merged into one phrase."""
    sc = scale(env)
    fields = labels_node(classes=["nb-labels"])

    def add(name: str, value: nodes.Node | str, cls: str) -> None:
        body = nodes.paragraph()
        body += nodes.Text(value) if isinstance(value, str) else value
        fields.append(
            nodes.field(
                "",
                nodes.field_name(name, name),
                nodes.field_body("", body),
                classes=[f"nb-{cls}"],
            )
        )

    add(_("Status"), sc.status_label(status), "status")
    if likelihood:
        add(_("Likelihood"), sc.likelihood_label(likelihood), "likelihood")
    if confidence:
        add(_("Confidence"), sc.confidence_label(confidence), "confidence")
    if grade:
        add(_("Source grade"), f"{grade} ({grade_meaning(grade)})", "grade")
    if source:
        add(_("Source"), source, "source")
    if as_of:
        add(_("As of"), make_date(as_of, env.config), "as-of")
    return fields


# -- the claim role ------------------------------------------------------------------------

_CLAIM_RE = re.compile(r"^(?P<text>.*?)\s*<(?P<labels>[^<>]*)>\s*$", re.S)


class ClaimRole(SphinxRole):
    """``{claim}`text <status>``` or ``{claim}`text <status, likelihood>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        where = self.get_location()
        match = _CLAIM_RE.match(self.text)
        if match is None or not match.group("labels").strip():
            sc = scale(self.env)
            warn(
                "uncertainty",
                f"claim {self.text!r} has no <status>; write {{claim}}`text <status>` with "
                f"one of {allowed(sc.statuses)}",
                where,
            )
            return [nodes.inline(self.text, self.text, classes=["nb-claim-text"])], []
        text = match.group("text").strip()
        parts = [p.strip() for p in match.group("labels").split(",")]
        sc = scale(self.env)
        status = check_choice(parts[0], sc.statuses, "status", where)
        likelihood = (
            check_choice(parts[1], sc.likelihood, "likelihood", where)
            if len(parts) > 1 and parts[1]
            else ""
        )
        if len(parts) > 2:
            warn(
                "uncertainty",
                f"claim labels take a status and a likelihood; ignored {parts[2:]}",
                where,
            )
        position, anchor = _next_anchor(self.env)
        info = sc.statuses.get(status, {})
        node = nodes.inline(
            classes=["nb-claim", f"nb-status-{status}", f"nb-tone-{info.get('tone', 'neutral')}"],
            ids=[anchor],
        )
        node += nodes.inline(text, text, classes=["nb-claim-text"])
        marker = nodes.inline(classes=["nb-claim-marker"])
        marker += nodes.inline(" [", " [", classes=["nb-bracket"])
        if info.get("icon"):
            marker += icon_node(info["icon"], info["icon"], classes=["nb-icon"])
        label = sc.status_label(status)
        if likelihood:
            label += f"; {sc.likelihood_label(likelihood)}"
        marker += status_abbr(label, label, explanation=info.get("description", ""))
        marker += nodes.inline("]", "]", classes=["nb-bracket"])
        node += marker
        get_store(self.env).append(
            "uncertainty",
            self.env.docname,
            Item(
                self.env.docname,
                position,
                anchor,
                "claim",
                text,
                status,
                likelihood,
                "",
                "",
                "",
                "",
            ),
        )
        return [node], []


# -- the register -------------------------------------------------------------------------


class UncertaintyListDirective(NewsbriefDirective):
    """``{uncertaintylist}``: every uncertainty block and claim of the site."""

    subtype = "uncertainty"
    known_options = ("status", "tags", "article")
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        sc = scale(self.env)
        statuses = tuple(
            check_choice(s, {**sc.statuses, UNRATED: {}}, "status", self.get_location())
            for s in self.csv_option("status")
        )
        article = self.text_option("article")
        if article not in ("", "current"):
            self.warn(f"uncertaintylist: :article: {article!r} is not allowed; allowed: 'current'")
            article = ""
        options = {
            "status": statuses,
            "tags": tuple(tag_slug(t) for t in self.csv_option("tags")),
            "article": article,
        }
        node: view_node = make_view(self.env, "uncertaintylist", pairs(options))
        self.set_source_info(node)
        return [node]


@dataclass(frozen=True)
class RegisterRow:
    docname: str
    article: str
    anchor: str
    kind: str
    text: str
    status: str
    likelihood: str
    confidence: str
    as_of: str


def resolve_register(ctx: Context, docname: str, options: ViewOptions) -> Any:
    opts = dict(options)
    sc = scale(ctx.env)
    order = {a.docname: i for i, a in enumerate(reversed(articles_by_date(ctx)))}
    items = sorted(
        ctx.store.all("uncertainty"),
        key=lambda i: (order.get(i.docname, len(order)), i.docname, i.position),
    )
    wanted_tags = set(opts["tags"])
    rows = []
    for item in items:
        article = get_article(ctx, item.docname)
        if article is None or article.draft:  # the register covers published articles
            continue
        if opts["status"] and item.status not in opts["status"]:
            continue
        if opts["article"] == "current" and item.docname != docname:
            continue
        if wanted_tags and not wanted_tags & {tag_slug(t) for t in article.tags}:
            continue
        rows.append(
            RegisterRow(
                item.docname,
                article.title,
                item.anchor,
                item.kind,
                item.text,
                sc.status_label(item.status),
                sc.likelihood_label(item.likelihood) if item.likelihood else "",
                sc.confidence_label(item.confidence) if item.confidence else "",
                item.as_of,
            )
        )
    return tuple(rows)


def render_register(
    app: Sphinx, ctx: Context, node: view_node, fromdocname: str, data: Any
) -> list[nodes.Node]:
    if not data:
        empty = _("No uncertain claims recorded.")
        return [nodes.paragraph(empty, empty, classes=["nb-empty"])]
    headers = (_("Article"), _("Claim"), _("Status"), _("Likelihood"), _("Confidence"), _("As of"))
    table = nodes.table(classes=["nb-register", "longtable", "colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (20, 30, 12, 16, 10, 12):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += table_row([nodes.paragraph(h, h) for h in headers])
    group += head
    body = nodes.tbody()
    previous = None
    for row in data:
        uri = doc_uri(app, fromdocname, row.docname)
        article = nodes.paragraph()
        if row.docname != previous:  # name each article once, on its first row
            article += _link(row.article, uri)
        previous = row.docname
        claim = nodes.paragraph()
        claim += _link(row.text, None if uri is None else f"{uri}#{row.anchor}")
        as_of = nodes.paragraph()
        if row.as_of:
            as_of += make_date(row.as_of, app.config)
        body += table_row(
            [
                article,
                claim,
                nodes.paragraph(row.status, row.status),
                nodes.paragraph(row.likelihood, row.likelihood),
                nodes.paragraph(row.confidence, row.confidence),
                as_of,
            ]
        )
    group += body
    return [table]


def _link(text: str, uri: str | None) -> nodes.Node:
    if uri is None:
        return nodes.Text(text)
    return nodes.reference("", text, internal=True, refuri=uri)


# -- the legend ------------------------------------------------------------------------------


class UncertaintyLegendDirective(NewsbriefDirective):
    """``{uncertaintylegend}``: the statuses, likelihood scale and confidence levels in use."""

    subtype = "uncertainty"
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        sc = scale(self.env)
        box = nodes.container(classes=["nb-legend"])
        statuses = [(v.get("label", k), v.get("description", "")) for k, v in sc.statuses.items()]
        box += _legend_table(_("Status"), _("Meaning"), statuses)
        likelihood = [
            (str(v["label"]), f"{v['range'][0]}\N{EN DASH}{v['range'][1]}\N{NO-BREAK SPACE}%")
            for v in sc.likelihood.values()
        ]
        box += _legend_table(_("Likelihood"), _("Probability"), likelihood)
        confidence = [
            (v.get("label", k), v.get("description", "")) for k, v in sc.confidence.items()
        ]
        box += _legend_table(_("Confidence"), _("Meaning"), confidence)
        return [box]


def _legend_table(first: str, second: str, rows: list[tuple[str, str]]) -> nodes.table:
    table = nodes.table(classes=["nb-legend-table"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=30)
    group += nodes.colspec(colwidth=70)
    head = nodes.thead()
    head += table_row([nodes.paragraph(first, first), nodes.paragraph(second, second)])
    group += head
    body = nodes.tbody()
    for label, meaning in rows:
        body += table_row([nodes.paragraph(label, label), nodes.paragraph(meaning, meaning)])
    group += body
    return table
