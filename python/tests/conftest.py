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


def cell_matches(cell: str, value) -> bool:
    """A CLI CSV cell holds a Python value: numbers exactly (the CLI prints the shortest text
    that reads back to the same double), text as is, None and NaN as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return cell == ""
    if isinstance(value, str):
        return cell == value
    return cell != "" and float(cell) == float(value)


def assert_cli_csv(text: str, frame) -> int:
    """The CLI's CSV `text` is `frame` (a DataFrame, index left out): the same header, the same
    number of rows, every cell equal (see `cell_matches`). Returns the number of rows."""
    header, rows = parse_cli_csv(text)
    assert header == [str(c) for c in frame.columns]
    assert len(rows) == len(frame)
    for k, (row, values) in enumerate(zip(rows, frame.itertuples(index=False, name=None))):
        for cell, col, v in zip(row, frame.columns, values):
            assert cell_matches(cell, v), (k, col, cell, v)
    return len(rows)
