"""Generate a seeded Sphinx project of N news briefs for benchmarking.

Two variants share the same article text:

* ``newsbrief`` -- ``extensions = ["sphinx_newsbrief"]``; the front page lists the
  newest briefs with the ``{briefs}`` directive.
* ``plain`` -- plain Sphinx + MyST; the front page has a static list of links to
  the same newest briefs, and every article is marked ``orphan: true``.

Articles are in no toctree, so the navigation stays small in both variants.
Everything is derived from ``--seed`` (no external data); article ``i`` gets its
own ``random.Random`` seeded from ``(seed, i)``, so its text does not depend on N.

Usage::

    python bench/generate.py --n 1000 --seed 1 --variant plain --out bench/_work/src/plain
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

VARIANTS = ("plain", "newsbrief")
#: How many of the newest briefs the front page lists.
LISTING_LIMIT = 25
#: Articles are spread over about three years from this day (more days if N is larger).
START_DATE = dt.date(2023, 1, 2)
SPAN_DAYS = 3 * 365 + 1
#: Approximate length of an article body.
TARGET_WORDS = 800


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _split("""
administration agency agreement aid alliance analysis analyst approach armed assessment
authority balance bank barrier border briefing budget cabinet campaign capacity capital
ceasefire channel claim coalition coast committee community compliance concern conflict
consensus constitution contract cooperation corridor council court crisis currency customs
deadline debate debt decision defence delegation demand deployment deterrence development
diplomacy dispute district doctrine drought economy election embargo emergency energy
envoy escalation estimate evidence exchange exercise export facility faction finance
forecast framework frontier fuel funding governance government grain growth harbour
household incentive incident industry inflation influence infrastructure initiative
inspection institution insurgency intelligence interest investment island judiciary
labour leadership legislation lending loan logistics majority mandate market measure
mediation militia minister ministry mission momentum monitoring negotiation network
observer offensive official operation opposition outlook parliament partner partnership
patrol payment pipeline platform pledge policy port position pressure price priority
production programme project proposal protest province reform refinery region regulation
relief report reserve resolution response revenue risk route sanction satellite scenario
sector security sequence settlement shipment shortage signal source stability statement
strategy subsidy summit supply support surplus talks tariff territory threat timeline
trade transit transition treaty trend troops truce uncertainty union unrest vessel
volume vote warning water withdrawal
""")

VERBS = _split("""
announced approved blocked cautioned challenged confirmed considered criticised delayed
denied described endorsed expanded expected extended financed highlighted ignored
increased limited monitored noted opposed pledged postponed proposed questioned raised
reduced rejected reported requested restricted reviewed signalled suspended tightened
underlined welcomed
""")

ADJECTIVES = _split("""
annual bilateral careful central civilian coastal cautious critical diplomatic domestic
early economic external federal financial fragile gradual informal initial interim
internal joint key late limited local long-term major maritime military modest national
new northern official partial political preliminary public recent regional rural
sharp short-term southern strategic sudden technical temporary urban wider
""")

CONNECTIVES = _split("""
however meanwhile nevertheless moreover still instead likewise consequently notably
separately
""")

ACTORS = _split("""
Arvania Belmora Calderon Dunmere Estovia Falkreach Galvany Halvik Istrana Jorvale
Kestria Lunamar Morvane Norhaven Ostrelia Pelluria Quarth Rivenna Solvia Tarnis
""")

TAGS = (
    "Agriculture", "Aid", "Arms control", "Banking", "Border security", "Climate",
    "Cyber", "Defence", "Diplomacy", "Drought", "Elections", "Energy", "Fisheries",
    "Food security", "Governance", "Health", "Human rights", "Infrastructure",
    "Intelligence", "Labour", "Maritime", "Media", "Migration", "Mining", "Nuclear",
    "Oil and gas", "Ports", "Protests", "Public debt", "Railways", "Refugees",
    "Sanctions", "Shipping", "Space", "Supply chains", "Technology", "Telecoms",
    "Trade", "Water", "Weather",
)  # fmt: skip

FIRST_NAMES = (
    "Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas",
    "Kaveh", "Lena", "Marek", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz",
)  # fmt: skip

LAST_NAMES = (
    "Abbott", "Brandt", "Costa", "Dalton", "Eriksen", "Fischer", "Grant", "Haddad",
    "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
)  # fmt: skip

SECTION_HEADINGS = (
    "Background", "What happened", "Context", "Key actors", "Forms of support",
    "Regional reactions", "Implications", "Economic effects", "Uncertainties",
    "What to watch", "Outlook", "Assessment",
)  # fmt: skip


@dataclass(frozen=True)
class Article:
    """One generated brief."""

    docname: str
    title: str
    date: dt.date
    authors: tuple[str, ...]
    summary: str
    tags: tuple[str, ...]
    body: str


def _sentence(rng: random.Random, low: int = 9, high: int = 18) -> str:
    """A sentence of plain words: subject, verb, then a run of nouns and adjectives."""
    count = rng.randint(low, high)
    words: list[str] = []
    if rng.random() < 0.25:
        words.append(rng.choice(CONNECTIVES) + ",")
    words += [rng.choice(ADJECTIVES), rng.choice(WORDS)]
    if rng.random() < 0.5:
        words += ["in", rng.choice(ACTORS)]
    words.append(rng.choice(VERBS))
    while len(words) < count:
        roll = rng.random()
        if roll < 0.25:
            words.append(rng.choice(ADJECTIVES))
        elif roll < 0.35:
            words.append(rng.choice(("the", "a", "of", "and", "with", "for", "on", "after")))
        else:
            words.append(rng.choice(WORDS))
    if len(words) > 8 and rng.random() < 0.3:
        cut = rng.randint(4, len(words) - 3)
        words[cut] += ","
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _inline_markup(rng: random.Random, sentence: str, links: Sequence[str]) -> str:
    """Sometimes wrap two words in emphasis, strong emphasis or a link."""
    words = sentence.split(" ")
    if len(words) < 6 or rng.random() > 0.35:
        return sentence
    at = rng.randint(1, len(words) - 3)
    a, b = words[at], words[at + 1]
    if a.endswith(",") or b.endswith(","):
        return sentence
    roll = rng.random()
    if roll < 0.4:
        words[at : at + 2] = [f"*{a} {b}*"]
    elif roll < 0.6:
        words[at : at + 2] = [f"**{a} {b}**"]
    else:
        words[at : at + 2] = [f"[{a} {b}]({rng.choice(links)})"]
    return " ".join(words)


def _paragraph(rng: random.Random, links: Sequence[str]) -> tuple[str, int]:
    sentences = [_inline_markup(rng, _sentence(rng), links) for _ in range(rng.randint(3, 5))]
    text = " ".join(sentences)
    return text, len(text.split())


def _bullets(rng: random.Random) -> tuple[str, int]:
    items = [_sentence(rng, 6, 12) for _ in range(rng.randint(4, 6))]
    text = "\n".join(f"- {item}" for item in items)
    return text, sum(len(item.split()) for item in items)


def _title(rng: random.Random) -> str:
    actor, other = rng.sample(ACTORS, 2)
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"{actor} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(WORDS)} deal"
    if pattern == 1:
        return f"{actor} and {other} weigh {rng.choice(ADJECTIVES)} {rng.choice(WORDS)}"
    if pattern == 2:
        return f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} in {actor} tests {other}"
    return f"Why the {rng.choice(WORDS)} in {actor} matters for {other}"


def make_article(seed: int, index: int, date: dt.date) -> Article:
    """Article number ``index`` (1-based); its text depends only on seed and index."""
    rng = random.Random(f"newsbrief-bench:{seed}:{index}")
    docname = f"briefs/b{index:04d}"
    title = _title(rng)
    authors = tuple(
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 2))
    )
    summary = _sentence(rng, 12, 20)
    tags = tuple(rng.sample(TAGS, rng.randint(2, 4)))

    links = [f"https://example.org/{rng.choice(WORDS)}/{rng.randrange(1000, 9999)}"]
    if index > 1:
        links.append(f"b{rng.randint(max(1, index - 50), index - 1):04d}.md")
    target = rng.randint(int(TARGET_WORDS * 0.8), TARGET_WORDS)
    headings = rng.sample(SECTION_HEADINGS, 6)
    list_section = rng.randrange(2)

    lede, words = _paragraph(rng, links)
    blocks = [f"# {title}", lede]
    for number, heading in enumerate(headings):
        if words >= target:
            break
        blocks.append(f"## {heading}")
        for _ in range(rng.randint(2, 3)):
            text, count = _paragraph(rng, links)
            blocks.append(text)
            words += count
        if number == list_section:
            text, count = _bullets(rng)
            blocks.append(text)
            words += count
    return Article(docname, title, date, authors, summary, tags, "\n\n".join(blocks) + "\n")


def article_dates(seed: int, n: int) -> list[dt.date]:
    """N distinct, sorted dates spread over about three years (b0001 is the oldest)."""
    rng = random.Random(f"newsbrief-bench-dates:{seed}")
    span = max(SPAN_DAYS, n)
    return [START_DATE + dt.timedelta(days=d) for d in sorted(rng.sample(range(span), n))]


def make_articles(seed: int, n: int) -> list[Article]:
    return [make_article(seed, i, d) for i, d in enumerate(article_dates(seed, n), start=1)]


def _yaml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(values) + "]"


def render_article(article: Article, variant: str) -> str:
    lines = [
        "---",
        f"title: {article.title}",
        f"date: {article.date.isoformat()}",
        f"authors: {_yaml_list(article.authors)}",
        f"summary: {article.summary}",
        f"tags: {_yaml_list(article.tags)}",
    ]
    if variant == "plain":
        lines.append("orphan: true")
    lines += ["---", "", article.body]
    return "\n".join(lines)


def newest(articles: Sequence[Article], limit: int = LISTING_LIMIT) -> list[Article]:
    """The newest articles first, as ``{briefs}`` sorts them (``-date``)."""
    return sorted(articles, key=lambda a: (a.date, a.docname), reverse=True)[:limit]


def render_index(articles: Sequence[Article], variant: str) -> str:
    parts = [
        "# Bench news",
        "",
        "Short analysis of current events, generated for benchmarking. Each brief has a "
        "date, its authors, a one-line summary and a few tags.",
        "",
        "```{toctree}",
        ":hidden:",
        "",
        "about",
        "method",
        "contact",
        "```",
        "",
        "## Latest briefs",
        "",
    ]
    if variant == "newsbrief":
        parts += ["```{briefs}", f":limit: {LISTING_LIMIT}", "```", ""]
    else:
        for article in newest(articles):
            parts += [
                f"- **[{article.title}]({article.docname}.md)**",
                "",
                f"  {article.date.isoformat()} \N{MIDDLE DOT} {', '.join(article.tags)}",
                "",
                f"  {article.summary}",
                "",
            ]
    return "\n".join(parts)


STATIC_PAGES = {
    "about": (
        "# About\n\nThis site is a generated benchmark corpus. The briefs are made of "
        "random words from a fixed list; only their size and structure are realistic.\n"
    ),
    "method": (
        "# Method\n\nEach brief has front matter (title, date, authors, summary, tags), "
        "a title, a lede and several sections with paragraphs and one bullet list.\n\n"
        "## Sources\n\nNone: every word comes from the generator's own word list.\n"
    ),
    "contact": "# Contact\n\nWrite to *desk@example.org*.\n",
}


def render_conf(variant: str) -> str:
    lines = ['project = "bench"']
    if variant == "newsbrief":
        lines.append('extensions = ["sphinx_newsbrief"]')
    else:
        lines += [
            'extensions = ["myst_parser"]',
            'myst_enable_extensions = ["colon_fence", "deflist"]',
        ]
    lines += ['html_theme = "alabaster"', 'exclude_patterns = ["_build"]', ""]
    return "\n".join(lines)


def generate(out: Path, n: int, seed: int, variant: str) -> list[Article]:
    """Write the project to ``out`` (replacing it) and return its articles."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    if n < 1:
        raise ValueError("n must be at least 1")
    if out.exists():
        shutil.rmtree(out)
    (out / "briefs").mkdir(parents=True)
    articles = make_articles(seed, n)
    (out / "conf.py").write_text(render_conf(variant), encoding="utf-8")
    (out / "index.md").write_text(render_index(articles, variant), encoding="utf-8")
    for name, text in STATIC_PAGES.items():
        (out / f"{name}.md").write_text(text, encoding="utf-8")
    for article in articles:
        path = out / f"{article.docname}.md"
        path.write_text(render_article(article, variant), encoding="utf-8")
    return articles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="project directory (replaced)")
    parser.add_argument("--variant", choices=VARIANTS, default="newsbrief")
    args = parser.parse_args(argv)
    articles = generate(args.out, args.n, args.seed, args.variant)
    words = sum(len(a.body.split()) for a in articles) // len(articles)
    print(f"wrote {len(articles)} {args.variant} briefs (~{words} words each) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
