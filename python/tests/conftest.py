"""Shared fixtures of the chiso pytest suite (run by ctest `python.pytest`, which sets
PYTHONPATH to the build tree's package, CHISO_CLI to the built `chiso` program and
CHISO_SOURCE_DIR; run by hand the same way:

    PYTHONPATH=build/python CHISO_CLI=build/bin/chiso /usr/bin/python3 -m pytest python/tests
"""

import csv
import io
import math
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CHISO_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
PRESETS_DIR = SOURCE_DIR / "presets"
COINR_DIR = SOURCE_DIR / "tests" / "data" / "spec" / "coinr"


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli():
    """Runs the built `chiso` program: cli(args...) -> (exit code, stdout, stderr)."""
    path = os.environ.get("CHISO_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("CHISO_CLI (the built chiso program) is not set: the CLI is not built")

    def run(*args):
        p = subprocess.run([path, *args], capture_output=True, text=True, check=False)
        return p.returncode, p.stdout, p.stderr

    return run


def parse_cli_csv(text: str):
    """The CLI's CSV output as (header, rows of str)."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def same_number(text: str, value: float) -> bool:
    """A CLI cell (shortest round-trip text, '' = missing) equals a double exactly."""
    if text == "":
        return value is None or (isinstance(value, float) and math.isnan(value))
    return float(text) == value
