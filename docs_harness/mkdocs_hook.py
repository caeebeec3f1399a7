"""The site side of the examples (an MkDocs hook): what each page shows is what the tests check.

- Refuses to build when a page lacks its translation, or the pinned grpcio has no results.
- Rewrites each example fence into its verdict box (``docs_harness.boxes``), with the page's
  explanations of the snippet's annotated lines inside it.
- Fills ``<!-- questions -->`` (the questions index, from questions.yml), ``<!-- performance -->`` (the benchmark's sections, from its committed results),
  ``<!-- rules-table -->`` (every page's rules on the overview, its own elsewhere),
  ``<!-- rules-recap -->`` (a page's rules as a short list, for its end),
  ``<!-- error-index -->`` and the version placeholders ``{{ grpcio }}``, ``{{ grpcio_verified }}``.
- Japanese pages: joins line breaks inside sentences (``docs_harness.typography``).
"""

import json
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError

from docs_harness import boxes, error_index, questions, rules, versions
from docs_harness.fences import FenceError, parse_examples
from docs_harness.pages import Page
from docs_harness.results import Results, all_results
from docs_harness.translations import missing_twins
from docs_harness.typography import join_japanese_lines


def _root(config) -> Path:
    return Path(config.config_file_path).parent


@cache
def _evidence(root: Path) -> boxes.Evidence:
    pinned = versions.pinned(root)
    results = Results.load(pinned, root)
    if results is None:
        raise PluginError(f"results/grpcio-{pinned}.json is missing: run ./dev test --record with the pinned grpcio")
    return boxes.Evidence(results, all_results(root))


def on_config(config):
    missing = missing_twins(_root(config))
    if missing:
        raise PluginError("pages without their translation: " + "; ".join(missing))
    _evidence.cache_clear()  # `mkdocs serve` rebuilds: read the results again
    _evidence(_root(config))
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    root = _root(config)
    this = Page.from_src_uri(page.file.src_uri, root)
    try:
        markdown = _with_boxes(markdown, this, config)
        if rules.PLACEHOLDER in markdown:
            markdown = markdown.replace(rules.PLACEHOLDER, rules.render(rules.collect(_rule_pages(this, config)), this))
        if rules.RECAP in markdown:
            markdown = markdown.replace(rules.RECAP, rules.recap(rules.collect([this]), this))
        if questions.PLACEHOLDER in markdown:
            markdown = markdown.replace(questions.PLACEHOLDER, questions.render(this, _nav_pages(config["nav"])))
        if PERFORMANCE in markdown:
            markdown = markdown.replace(PERFORMANCE, _performance(this.language))
        if error_index.PLACEHOLDER in markdown:
            releases = _evidence(root).releases
            markdown = markdown.replace(
                error_index.PLACEHOLDER, error_index.render(this, _rule_pages(this, config), releases)
            )
    except (FenceError, rules.RuleError, boxes.BoxError, questions.QuestionsError) as error:
        raise PluginError(str(error)) from None
    markdown = versions.fill_placeholders(markdown, root)
    return join_japanese_lines(markdown) if this.language == "ja" else markdown


PERFORMANCE = "<!-- performance -->"


def _performance(language: str) -> str:
    """The benchmark's sections, from its committed results (benchmarks/results/grpc_perf.json)."""
    from benchmarks import report

    return report.render(json.loads(report.DEFAULT_RESULTS.read_text(encoding="utf-8")), language)


def _with_boxes(markdown: str, this: Page, config) -> str:
    lines = markdown.splitlines()
    for example in reversed(parse_examples(this, markdown)):  # bottom-up: the line numbers above stay right
        explanations, taken = boxes.explanations_after(lines, example)
        box = boxes.render(
            example, explanations, this.language, _evidence(this.root), config["extra"].get("repository")
        )
        lines[example.fence.line - 1 : example.fence.end_line + taken] = box
    return "\n".join(lines) + "\n"


def _rule_pages(this: Page, config) -> list[Page]:
    """On the overview or the error index, every page of the nav in reading order; elsewhere the page itself."""
    if this.path not in ("index.md", "errors.md"):
        return [this]
    return [
        Page(this.language, path, this.root)
        for path in _nav_pages(config["nav"])
        if path not in ("index.md", "errors.md")
    ]


def _nav_pages(nav) -> list[str]:
    """The page paths of mkdocs.yml's nav, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return [page for item in nav or [] for page in _nav_pages(item)]
