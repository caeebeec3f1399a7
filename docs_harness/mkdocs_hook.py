"""The site side (an MkDocs hook): every example shows its verdict and what it produces.

- Refuses to build when a page lacks its translation.
- Rewrites each Python example fence into an admonition: OK, or 禁止 / Forbidden with the
  exact error the tests assert (taken from the fence's options, the same ones pytest
  checks), followed by the expected output when the snippet has a ``.out`` file.
- Drops the head's ``<link rel="alternate" hreflang>`` tags: Material fetches a
  ``sitemap.xml`` next to each of them, and mkdocs-static-i18n points them at pages, so
  every page would request missing files. The language switcher is unaffected, and the
  sitemap lists the same alternates for search engines.
"""

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from docs_harness.fences import Example, FenceError, parse_examples
from docs_harness.translations import missing_twins

LABELS = {
    "ja": {
        "ok": "OK",
        "forbidden": "禁止",
        "raises": "実行すると {error} が発生します（{details}）。",
        "raises_only": "実行すると {error} が発生します。",
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
        "status": "status {code}",
        "message": "message {match}",
        "separator": ", ",
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


HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output: str, page, config) -> str:
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body


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
