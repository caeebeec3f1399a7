"""Runs the guide's pages: every Python fence includes a snippet file, which pytest runs.

- ``fences``: finds the examples in a page and reads their options (shared with the site).
- ``expectations``: what a forbidden example must raise, and the check.
- ``execution``: runs one snippet file, in this process or isolated in a child process.
- ``leaks``: what an in-process example must leave behind (nothing).
- ``plugin``: the pytest side (pytest-markdown-docs hooks); ``shared_server``: the bundled
  server process that in-process examples share.
- ``rules``: the rule tables, built from the pages' front matter and examples' options.
- ``translations``: the two languages stay twins.
- ``mkdocs_hook``: the site side of the examples (verdict boxes, expected errors, outputs,
  rule tables, page twins); ``hosting_hook``: sub-path hosting, per-language search, accessibility.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ja", "en")  # the first is the site's default
