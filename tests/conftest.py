import os
import subprocess
import sys
from pathlib import Path

import pytest

from docs_harness import PROJECT_ROOT

pytest_plugins = ["pytester"]


def mkdocs_build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict for every test that reads it."""
    site = tmp_path_factory.mktemp("site")
    build = mkdocs_build(PROJECT_ROOT, site)
    assert build.returncode == 0, build.stderr
    return site
