"""``{question}`` links are domain cross-references.

So Sphinx's machinery works for them as for its own roles: ``:any:`` finds
questions, a ``missing-reference`` handler can resolve an unknown one, and
nitpicky mode reports an unknown question once, as a ``newsbrief.questions``
warning.
"""

from __future__ import annotations

from docutils import nodes
from helpers import copy_root, main, newsbrief_warnings, warnings


def _page(src, text: str) -> None:
    (src / "refs.md").write_text("---\norphan: true\n---\n# Refs\n\n" + text, encoding="utf-8")


def test_any_role_finds_a_question(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "questions")
    _page(src, "See {any}`nk-iran:materialise`.\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    (link,) = main(app, "refs").select("a.nb-question-ref")
    assert link["href"].startswith("lead.html#nbq-")
    assert not [w for w in warnings(app) if "refs.md" in w]


def test_missing_reference_handlers_can_resolve(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "questions")
    _page(src, "Ask {question}`elsewhere:q1`.\n")
    app = make_app("html", srcdir=src, freshenv=True)

    def elsewhere(app, env, node, contnode):
        if node.get("refdomain") == "newsbrief" and node["reftarget"].startswith("elsewhere:"):
            ref = nodes.reference("", "", internal=False, refuri="https://example.org/q1")
            ref += contnode
            return ref
        return None

    app.connect("missing-reference", elsewhere)
    app.build()
    (link,) = main(app, "refs").select('a[href="https://example.org/q1"]')
    assert link.get_text() == "elsewhere:q1"
    assert not [w for w in warnings(app) if "refs.md" in w]


def test_unknown_question_warns_once_in_nitpicky_mode(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "questions")
    _page(src, "Ask {question}`nk-iran:nowhere`.\n")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"nitpicky": True})
    app.build()
    found = [w for w in warnings(app) if "refs.md" in w]
    assert len(found) == 1 and "unknown question 'nk-iran:nowhere'" in found[0], found
    assert "[newsbrief.questions]" in found[0]
    # an {answer} to an unknown id is reported once, by the cross-document check
    answers = [w for w in newsbrief_warnings(app) if "nk-iran:unknown" in w]
    assert len(answers) == 1, answers


def test_tag_role_is_a_cross_reference(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "tags")
    (src / "refs.md").write_text(
        "---\norphan: true\n---\n# Refs\n\n{tag}`North Korea` and {tag}`Nowhere Yet`.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"nitpicky": True})
    app.build()
    doctree = app.env.get_doctree("refs")
    from sphinx import addnodes

    xrefs = [
        (n["refdomain"], n["reftype"], n["reftarget"])
        for n in doctree.findall(addnodes.pending_xref)
    ]
    assert xrefs == [("newsbrief", "tag", "north-korea"), ("newsbrief", "tag", "nowhere-yet")]
    body = main(app, "refs")
    (link,) = body.select("a.nb-tag-north-korea")
    assert link["href"] == "tags/north-korea.html" and link.get_text() == "North Korea"
    # a tag without a page (no published article has it) stays text, and nitpicky is quiet
    assert body.select_one("span.nb-tag-nowhere-yet").get_text() == "Nowhere Yet"
    assert not [w for w in warnings(app) if "refs.md" in w]
