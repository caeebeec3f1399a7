"""The site side (an MkDocs hook): every example shows its verdict and what it produces.

- Refuses to build when a page lacks its translation.
- Rewrites each Python example fence into an admonition: OK, or 禁止 / Forbidden with the
  exact error the tests assert (taken from the fence's options, the same ones pytest
  checks), followed by the expected output when the snippet has a ``.out`` file.
- Replaces ``<!-- rules-table -->`` with the rule table built from the examples: of every
  page on the overview (index.md), of the page itself elsewhere.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

import grpc

from docs_harness import rules
from docs_harness.fences import Example, FenceError, parse_examples
from docs_harness.pages import Page
from docs_harness.translations import missing_twins

LABELS = {
    "ja": {
        "ok": "OK",
        "forbidden": "禁止",
        "raises": "実行すると {error} が発生します（{details}）。",
        "raises_only": "実行すると {error} が発生します。",
        "silent": "grpcio は例外を出しません。例の最後の確認（`assert`）が、起きたことを示して失敗します（メッセージ {match}）。",
        "status": "ステータス {code}",
        "message": "メッセージ {match}",
        "separator": "、",
        "isolated": "テストではこの例を別プロセスで実行し、{timeout} 秒で打ち切ります。",
        "output": "出力:",
    },
    "en": {
        "ok": "OK",
        "forbidden": "Forbidden",
        "raises": "Running it raises {error} ({details}).",
        "raises_only": "Running it raises {error}.",
        "silent": "grpcio raises nothing here. The example's own check (`assert`) fails and shows what went wrong (message {match}).",
        "status": "status {code}",
        "message": "message {match}",
        "separator": ", ",
        "isolated": "The tests run this example in its own process and stop it after {timeout} s.",
        "output": "Output:",
    },
}


def on_config(config):
    missing = missing_twins(Path(config.config_file_path).parent)
    if missing:
        raise PluginError("pages without their translation: " + "; ".join(missing))
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    this = Page.from_src_uri(page.file.src_uri, Path(config.config_file_path).parent)
    language, page_path = this.language, this.path
    labels = LABELS[language]
    try:
        examples = parse_examples(this, markdown)
    except FenceError as error:
        raise PluginError(str(error)) from None
    lines = markdown.splitlines()
    for example in reversed(examples):  # bottom-up, so the line numbers above stay right
        lines[example.fence.line - 1 : example.fence.end_line] = _render(example, labels)
    markdown = "\n".join(lines) + "\n"
    if rules.PLACEHOLDER in markdown:
        markdown = markdown.replace(rules.PLACEHOLDER, _rules_table(config, language, page_path))
    return markdown


def _rules_table(config, language: str, page_path: str) -> str:
    root = Path(config.config_file_path).parent
    # on the overview (index.md), every page's rules, in reading order; on another page, its own
    overview = page_path == "index.md"
    paths = [path for path in _nav_pages(config["nav"]) if path != "index.md"] if overview else [page_path]
    try:
        found = rules.collect([Page(language, path, root) for path in paths])
    except (rules.RuleError, FenceError) as error:
        raise PluginError(str(error)) from None
    return rules.render(found, language, grpc.__version__, page_path)


def _nav_pages(nav) -> list[str]:
    """The page paths of mkdocs.yml's nav, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return [page for item in nav or [] for page in _nav_pages(item)]


def _render(example: Example, labels: dict[str, str]) -> list[str]:
    fence = example.fence
    if example.expectation.succeeds:
        head = f'!!! success "{labels["ok"]}"'
    else:
        head = f'!!! danger "{labels["forbidden"]}"'
    body = [
        f'{fence.marker}python title="{example.snippet}"',
        f'--8<-- "{example.snippet}"',
        fence.marker,
    ]
    expectation = example.expectation
    if expectation.silent:
        body += ["", labels["silent"].format(match=_code(expectation.match or ""))]
    elif not expectation.succeeds:
        details = []
        if expectation.code:
            details.append(labels["status"].format(code=_code(expectation.code)))
        if expectation.match:
            details.append(labels["message"].format(match=_code(expectation.match)))
        sentence = labels["raises"] if details else labels["raises_only"]
        body += ["", sentence.format(error=_code(expectation.raises), details=labels["separator"].join(details))]
    if example.isolate:
        body += ["", labels["isolated"].format(timeout=f"{example.timeout:g}")]
    if example.output_path.exists():
        output = Path(example.snippet).with_suffix(".out").as_posix()
        body += ["", labels["output"], "", f"{fence.marker}text", f'--8<-- "{output}"', fence.marker]
    indent = fence.indent
    return [indent + head, ""] + [(indent + "    " + line) if line else "" for line in body]


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"
