"""The questions index: real grpc/grpc threads, and where the guide answers each one.

The data is ``questions.yml`` (one file for both languages): per thread its URL and title,
the question in each language, and either ``answered_by: {page, anchor}`` (a section of a page,
checked to exist in both languages) or ``reason_en``/``reason_ja`` (why the guide does not
answer it). ``<!-- questions -->`` on the questions page becomes the list, grouped by page.
"""

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.pages import Page
from docs_harness.rules import page_title

PLACEHOLDER = "<!-- questions -->"
DATA = "questions.yml"
ANCHOR = re.compile(r"\{ *#(?P<anchor>[\w-]+) *\}")
LABELS = {
    "ja": {"unanswered": "このガイドでは答えていない質問", "why": "理由"},
    "en": {"unanswered": "Questions this guide does not answer", "why": "Why"},
}


class QuestionsError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    url: str
    title: str
    questions: dict[str, str]
    page: str | None
    anchor: str | None
    reasons: dict[str, str]


def load(root: Path = PROJECT_ROOT) -> list[Question]:
    entries = yaml.safe_load((root / DATA).read_text(encoding="utf-8")) or []
    found, seen = [], set()
    for entry in entries:
        where = f"{DATA}: {entry.get('url')}"
        if entry.get("url") in seen:
            raise QuestionsError(f"{where}: listed twice")
        seen.add(entry.get("url"))
        questions = {lang: entry.get(f"question_{lang}") for lang in LANGUAGES}
        reasons = {lang: entry.get(f"reason_{lang}") for lang in LANGUAGES}
        answer = entry.get("answered_by") or {}
        if not all(questions.values()):
            raise QuestionsError(f"{where}: needs question_{' and question_'.join(LANGUAGES)}")
        if bool(answer) == all(reasons.values()):
            raise QuestionsError(f"{where}: needs either answered_by: {{page, anchor}} or reason_ja and reason_en")
        question = Question(entry["url"], entry["title"], questions, answer.get("page"), answer.get("anchor"), reasons)
        if question.page:
            for lang in LANGUAGES:
                page = Page(lang, question.page, root)
                if not page.source.exists():
                    raise QuestionsError(f"{where}: no page {page.name}")
                anchors = {m["anchor"] for m in ANCHOR.finditer(page.read())}
                if question.anchor not in anchors:
                    raise QuestionsError(f"{where}: {page.name} has no section #{question.anchor}")
        found.append(question)
    return found


def render(on_page: Page, pages_in_order: list[str]) -> str:
    questions = load(on_page.root)
    labels = LABELS[on_page.language]
    out = []
    for path in pages_in_order:
        answered = [q for q in questions if q.page == path]
        if not answered:
            continue
        target = Page(on_page.language, path, on_page.root)
        out += [f"## [{page_title(target)}]({_link(on_page, path)})", ""]
        for q in answered:
            out.append(
                f"- [{q.questions[on_page.language]}]({_link(on_page, path, q.anchor)}) ([{_thread(q.url)}]({q.url}))"
            )
        out.append("")
    unanswered = [q for q in questions if not q.page]
    if unanswered:
        out += [f"## {labels['unanswered']} {{ #unanswered }}", ""]
        for q in unanswered:
            out.append(
                f"- {q.questions[on_page.language]} ([{_thread(q.url)}]({q.url})) — {labels['why']}: {q.reasons[on_page.language]}"
            )
        out.append("")
    return "\n".join(out)


def _link(on_page: Page, path: str, anchor: str | None = None) -> str:
    relative = posixpath.relpath(path, posixpath.dirname(on_page.path) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def _thread(url: str) -> str:
    """ "https://github.com/grpc/grpc/issues/13914" -> "grpc/grpc#13914"."""
    found = re.match(r"https://github\.com/([^/]+/[^/]+)/(?:issues|pull)/(\d+)", url)
    return f"{found[1]}#{found[2]}" if found else url.split("//", 1)[-1]
