"""The site side (an MkDocs hook): every example shows its verdict and what it produces.

- Refuses to build when a page lacks its translation.
- Rewrites each Python example fence into an admonition: OK, or 禁止 / Forbidden with the
  exact error the tests assert (taken from the fence's options, the same ones pytest
  checks), followed by the expected output when the snippet has a ``.out`` file.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from docs_harness.fences import Example, FenceError, parse_examples
from docs_harness.translations import missing_twins

LABELS = {
    "ja": {
        "ok": "OK",
        "forbidden": "禁止",
        "raises": "実行すると次の例外が発生します: {error}",
        "status": "ステータス {code}",
        "message": "メッセージ {match}",
        "isolated": "テストではこの例を別プロセスで実行し、{timeout} 秒で打ち切ります。",
        "output": "出力:",
    },
    "en": {
        "ok": "OK",
        "forbidden": "Forbidden",
        "raises": "Running it raises: {error}",
        "status": "status {code}",
        "message": "message {match}",
        "isolated": "The tests run this example in its own process and stop it after {timeout} s.",
        "output": "Output:",
    },
}


def on_config(config):
    missing = missing_twins(Path(config["docs_dir"]))
    if missing:
        raise PluginError("pages without their translation: " + "; ".join(missing))
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    labels = LABELS[src.split("/")[0]]
    try:
        examples = parse_examples(markdown, f"docs/{src}", Path(config.config_file_path).parent)
    except FenceError as error:
        raise PluginError(str(error)) from None
    lines = markdown.splitlines()
    for example in reversed(examples):
        lines[example.fence.line - 1 : example.fence.end_line] = _render(example, labels)
    return "\n".join(lines) + "\n"


def _render(example: Example, labels: dict[str, str]) -> list[str]:
    fence = example.fence
    if example.expectation is None:
        head = f'!!! success "{labels["ok"]}"'
    else:
        head = f'!!! danger "{labels["forbidden"]}"'
    body = [
        f'{fence.marker}python title="{example.snippet}"',
        f'--8<-- "{example.snippet}"',
        fence.marker,
    ]
    expectation = example.expectation
    if expectation is not None:
        details = [_code(expectation.raises)]
        if expectation.code:
            details.append(labels["status"].format(code=_code(expectation.code)))
        if expectation.match:
            details.append(labels["message"].format(match=_code(expectation.match)))
        body += ["", labels["raises"].format(error=", ".join(details))]
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
