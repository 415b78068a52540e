"""The Python blocks of docs/python.md run as written (in order, sharing one namespace, from a
directory where the repository's tests/ and examples/ are reachable as the page says). The
matplotlib block runs when matplotlib is installed (it is not a dependency)."""

import importlib.util
import os
import re
import warnings

from conftest import SOURCE_DIR

DOC = SOURCE_DIR / "docs" / "python.md"


def python_blocks():
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_page_has_the_worked_example():
    blocks = python_blocks()
    assert len(blocks) >= 5
    assert any("read_coinr" in b and "zscore:10:2" in b and "tidy(" in b for b in blocks)


def test_python_blocks_run(tmp_path, monkeypatch):
    # Run from a scratch directory (the plot is saved there), with tests/ and examples/ linked
    # in.
    (tmp_path / "tests").symlink_to(SOURCE_DIR / "tests")
    (tmp_path / "examples").symlink_to(SOURCE_DIR / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    has_mpl = importlib.util.find_spec("matplotlib") is not None
    ns: dict = {}
    ran = 0
    for block in python_blocks():
        if "matplotlib" in block and not has_mpl:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(block, str(DOC), "exec"), ns)  # noqa: S102 - our own documentation
        ran += 1
    assert ran >= 5
    # The worked example's frames are what the page says they are.
    scores = ns["scores"]
    assert list(scores.columns) == ["unit", "name", "node", "level", "score", "rank",
                                    "normalisation"]
    assert len(scores) == 3 * 3 * 51
    assert ns["ranks"].shape == (51, 3)
    if has_mpl:
        assert (tmp_path / "asem-normalisations.png").stat().st_size > 0
    assert not os.path.exists(SOURCE_DIR / "asem-normalisations.png")
