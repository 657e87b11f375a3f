"""Loading an author's YAML safely: dates stay strings, alias bombs are refused.

Front matter (:mod:`.reading`) and data in directive bodies and files (the
reactions) are loaded with :class:`StringDateLoader`; each value a document
expands to counts against a budget, so a few aliases cannot blow it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

#: Limit on the values a YAML document's aliases may repeat (guards against alias bombs).
#: Values written out count against nothing: the size of the text bounds them.
NODE_BUDGET = 2000

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present


class StringDateLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that leaves dates and timestamps as strings."""


StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def expansion(node: yaml.Node, budget: int, seen: set[int] | None = None) -> int:
    """Count the values that aliases in ``node`` repeat, stopping once past ``budget``.

    A value reached a second time (through an alias ``*name``) counts with
    everything in it; a value reached once, as written, does not. ``seen``
    carries the values already reached across calls (the keys of one mapping).
    """
    seen = set() if seen is None else seen
    repeated = 0
    stack = [node]
    while stack and repeated <= budget:
        current = stack.pop()
        if id(current) in seen:
            repeated += 1
        else:
            seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return repeated


@dataclass
class YamlResult:
    """Data loaded from an author's YAML, or where and why it failed."""

    data: Any = None
    error: str = ""
    line: int = 0  # 0-based line of the error within the text


def load_yaml(text: str, budget: int = 50 * NODE_BUDGET) -> YamlResult:
    """Load YAML safely: dates stay strings, alias bombs are refused, errors located."""
    loader: StringDateLoader | None = None
    try:
        loader = StringDateLoader(text)
        root = loader.get_single_node()
        if root is None:
            return YamlResult(None)
        if expansion(root, budget) > budget:
            return YamlResult(
                error=f"the YAML's aliases (*name) repeat too many values (more than {budget}); "
                "write the values out"
            )
        return YamlResult(loader.construct_document(root))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return YamlResult(error=f"malformed YAML: {err.problem}", line=mark.line if mark else 0)
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        return YamlResult(error=f"malformed YAML: {err}")
    finally:
        if loader is not None:
            loader.dispose()
