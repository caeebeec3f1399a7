"""Parallel runs (pytest-xdist): both languages' items of one example go to the same worker.

There the example runs once and its twin reuses the observation. xdist's own
``--dist loadgroup`` cannot do it with pytest 9 (it renames node ids through an attribute
pytest 9 no longer reads), so this scheduler finds each page item's example itself, from
the node id ("docs/ja/client/streams.md::[CodeFence#3][line:58]"); every other test is a unit of its own.
"""

import functools
import re
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling

from docs_harness.fences import parse_examples
from docs_harness.pages import Page

PAGE_ITEM = re.compile(r"^(?P<file>[^:]+\.md)::\[CodeFence#\d+\]\[line:(?P<line>\d+)\]$")

if not callable(getattr(LoadScopeScheduling, "_split_scope", None)):
    raise ImportError("pytest-xdist changed: LoadScopeScheduling._split_scope is gone (docs_harness/scheduling.py)")


class ExampleScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        self.root = Path(config.rootpath)

    def _split_scope(self, nodeid: str) -> str:
        item = PAGE_ITEM.match(nodeid)
        if item is None:
            return nodeid
        return _example_ids(self.root, item["file"]).get(int(item["line"]), nodeid)


@functools.cache
def _example_ids(root: Path, page_file: str) -> dict[int, str]:
    """Fence line -> example id, for one page."""
    page = Page.from_file(root / page_file, root)
    return {example.line: example.id for example in parse_examples(page)}
