"""The type stubs (.pyi) describe what the module really has, so editors complete real names:
every public name at run time is in the stubs and every name in the stubs exists."""

import ast
import inspect
import pathlib

import chiso
from chiso import _chiso

PKG = pathlib.Path(chiso.__file__).parent


def stub_names(path):
    """Top-level names of a stub, and the members of each class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            top.add(node.name)
        if isinstance(node, ast.ClassDef):
            members[node.name] = {n.name for n in node.body
                                  if isinstance(n, ast.FunctionDef)} | {
                n.target.id for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        if isinstance(node, ast.ImportFrom) and node.module == "_chiso":
            top |= {a.asname or a.name for a in node.names}
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            top.add(node.target.id)
    return top, members


def test_stub_files_are_installed_next_to_the_module():
    for f in ("__init__.pyi", "_chiso.pyi", "py.typed"):
        assert (PKG / f).is_file(), f


def test_package_stub_matches_runtime():
    top, members = stub_names(PKG / "__init__.pyi")
    assert set(chiso.__all__) <= top
    for name in top - {"PathLike", "MethodLike", "AggregationLike", "NormaliseArg",
                       "AggregateArg", "__all__"}:
        assert hasattr(chiso, name), name
    for cls in ("Framework", "Result"):
        runtime = {n for n in dir(getattr(chiso, cls)) if not n.startswith("_")}
        if cls == "Result":  # instance attributes
            r = chiso.score("dti-province-922", warn=False)
            runtime |= {n for n in vars(r) if not n.startswith("_")}
        assert runtime == {n for n in members[cls] if not n.startswith("_")}, cls


def test_extension_stub_matches_runtime():
    top, members = stub_names(PKG / "_chiso.pyi")
    runtime = {n for n in dir(_chiso) if not n.startswith("__")}
    assert runtime == top - {"__version__"}
    for cls, names in members.items():
        obj = getattr(_chiso, cls)
        have = {n for n, _ in inspect.getmembers(obj) if not n.startswith("__")}
        want = {n for n in names if not n.startswith("__")}
        if issubclass(obj, BaseException):
            continue
        assert want <= have, (cls, want - have)
        assert {n for n in have if not n.startswith("_")} <= want, (cls, have - want)
