"""Japanese typography in the build: a line break inside a Japanese sentence is no space.

Markdown turns a line break inside a paragraph into a space, which is right between
English words and wrong between Japanese characters ("でしょうか。 このページ"). Before
the page is converted, two lines of one paragraph are joined without a space when they
meet between two Japanese characters, or next to Japanese punctuation (、。「」…). Code, front matter, and
lines that start a block (headings, lists, tables, fences, admonitions, tabs, HTML) are
left alone.
"""

import re

JAPANESE = r"\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
PUNCTUATION = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"  # 、。「」（）！？… : no space is wanted next to them
ENDS_JAPANESE = re.compile(rf"[{JAPANESE}]$")
STARTS_JAPANESE = re.compile(rf"^[{JAPANESE}]")
ENDS_PUNCTUATION = re.compile(rf"[{PUNCTUATION}]$")
STARTS_PUNCTUATION = re.compile(rf"^[{PUNCTUATION}]")
STARTS_BLOCK = re.compile(r"^(#|[-*+] |\d+[.)] |>|\||!!!|\?\?\?|===|```|~~~|<|--8<--|\{|:)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)]) +")


def join_japanese_lines(markdown: str) -> str:
    lines = markdown.split("\n")
    out: list[str] = []
    in_fence = None
    in_front_matter = bool(lines) and lines[0] == "---"
    for index, line in enumerate(lines):
        if in_front_matter:
            out.append(line)
            in_front_matter = not (index > 0 and line == "---")
            continue
        fence = FENCE.match(line)
        if in_fence is not None:
            out.append(line)
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            out.append(line)
            continue
        if out and _continues(out[-1], line):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str) -> bool:
    """True if line is the next line of previous's paragraph and both meet in Japanese."""
    text, before = line.strip(), previous.rstrip()
    if not text or not before.strip() or STARTS_BLOCK.match(text) or _starts_block(before.strip()):
        return False
    if _indent(line) not in _paragraph_indents(previous):
        return False
    if ENDS_PUNCTUATION.search(before) or STARTS_PUNCTUATION.match(text):
        return True
    return bool(ENDS_JAPANESE.search(before) and STARTS_JAPANESE.match(text))


def _starts_block(text: str) -> bool:
    """A previous line that is a block of its own (a heading, a table row, a fence header...)."""
    return bool(re.match(r"^(#|\||!!!|\?\?\?|===|```|~~~|<|--8<--)", text))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _paragraph_indents(previous: str) -> set[int]:
    """Where a continuation line of previous may start: its own indentation, or a list item's text."""
    item = LIST_ITEM.match(previous)
    return {_indent(previous), item.end()} if item else {_indent(previous)}
