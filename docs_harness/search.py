"""The search index, one per language: results in the reader's language only.

mkdocs-static-i18n writes one index for every language at ``search/search_index.json``;
this splits it into one index per language folder (``en/search/search_index.json`` …),
where each language's pages look for it (``hosting_hook`` points their config there).
"""

import json
import re
from pathlib import Path

from docs_harness import LANGUAGES
from docs_harness.typography import JAPANESE

# Material's tokenizer hands a word with any Japanese in it to TinySegmenter, which cuts
# identifiers apart ("done_writing()の後"). A space where code meets Japanese keeps them whole.
CODE_MEETS_JAPANESE = re.compile(rf"(?<=[\w)\]])(?=[{JAPANESE}])|(?<=[{JAPANESE}])(?=[\w(`])", re.ASCII)


def split_by_language(site: Path) -> None:
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix), **_words_apart(doc, language)}
            for doc in index["docs"]
            if language_of(doc["location"]) == language
        ]
        lang = [language] if language != LANGUAGES[0] else index["config"]["lang"]
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": lang}
        target.write_text(json.dumps({**index, "config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def language_of(location: str) -> str:
    """An index entry's language, from its location: "en/client/sharing/#x" -> "en"; others the default."""
    folder = location.split("/", 1)[0]
    return folder if folder in LANGUAGES[1:] else LANGUAGES[0]


def _words_apart(doc: dict, language: str) -> dict:
    if language != "ja":
        return {}
    return {field: CODE_MEETS_JAPANESE.sub(" ", doc[field]) for field in ("title", "text") if field in doc}
