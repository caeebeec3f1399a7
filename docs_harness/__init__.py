"""Runs the guide's pages: every Python fence includes a snippet file, which pytest runs.

- ``fences``: finds the examples in a page and reads their options (shared with the site).
- ``expectations``: what a forbidden example must raise, and the check.
- ``execution``: runs one snippet file, in this process or isolated in a child process.
- ``leaks``: what an in-process example must leave behind (nothing).
- ``plugin``: the pytest side (pytest-markdown-docs hooks, the shared server).
- ``mkdocs_hook``: the site side (verdict marks, expected errors, outputs, page twins).
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ja", "en")  # the first is the site's default
