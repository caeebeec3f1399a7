"""Where each colour of code appears: a few code blocks of the built site that show every one.

A code token's colour on its background is the same wherever it appears, so the contrast of
code is checked once per colour, in both palettes, on the blocks chosen here; everything else
on each page is checked on every page (tests/test_browser.py).
"""

import html.parser
from pathlib import Path

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
Colour = tuple[str, bool, str]  # token class, on a highlighted line, kind of box around the block


class _CodeColours(html.parser.HTMLParser):
    """The colours in each element of class "highlight" (document order, as querySelectorAll)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str], int | None]] = []
        self.blocks: list[set[Colour]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        names = (dict(attrs).get("class") or "").split()
        block = None
        if "highlight" in names:
            self.blocks.append(set())
            block = len(self.blocks) - 1
        self.open.append((tag, names, block))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        blocks = [block for _, _, block in self.open if block is not None]
        if not data.strip() or not blocks:
            return
        classes = [names for _, names, _ in self.open]
        box = next((names for names in reversed(classes) if "admonition" in names), [])
        kind = " ".join(sorted(set(box) - {"admonition", "verdict-box"}))
        self.blocks[blocks[0]].add((" ".join(classes[-1]), any("hll" in names for names in classes), kind))


def code_blocks(page_html: str) -> list[set[Colour]]:
    parser = _CodeColours()
    parser.feed(page_html)
    return parser.blocks


def blocks_showing_every_code_colour(site: Path) -> dict[str, list[int]]:
    """Site path ("en/http2/") -> indexes of its chosen ".highlight" elements; together they show
    every colour that any code on the site has."""
    blocks = {
        (str(file.parent.relative_to(site)) + "/", index): colours
        for file in sorted(site.rglob("index.html"))
        for index, colours in enumerate(code_blocks(file.read_text(encoding="utf-8")))
    }
    missing, chosen = set().union(*blocks.values()), {}
    while missing:
        path, index = max(blocks, key=lambda key: len(blocks[key] & missing))
        chosen.setdefault(path, []).append(index)
        missing -= blocks[path, index]
    return chosen
