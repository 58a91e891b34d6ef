"""The deployment lock file pins every dependency pyproject.toml declares for the suite
and the site (`make lock` regenerates it)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def name(requirement):
    return re.split(r"[<>=\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_declared_dependency_is_pinned_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {name(r) for r in project["dependencies"] + project["optional-dependencies"]["site"]}
    declared |= {name(r) for r in project["optional-dependencies"]["s3"]}
    lock = (ROOT / "requirements.lock").read_text().lower()
    pinned = set(re.findall(r"^([a-z0-9][a-z0-9._-]*)==", lock, re.M))
    assert declared <= pinned, declared - pinned
    assert lock.count("--hash=sha256:") >= len(pinned)
