"""The package's types have one source each, so editors and type checkers see what the module
really has:

- the pure-Python modules (chiso/_framework.py ...) carry their annotations inline (PEP 561:
  py.typed and no .pyi beside them): every public function, method, overload and instance
  attribute is annotated, and every annotation names something that exists;
- the compiled module is described by the hand-written chiso/_chiso.pyi, checked against
  what pybind11 says of it: the same names both ways, and for every function and method the
  same parameters (names, order, keyword-only, which have defaults, and the defaults written
  out), the same kind (static method, property) and the same coarse types (str, list, dict,
  array, a class of the module, optional or not) as the signature line of its docstring.
"""

import ast
import collections.abc
import inspect
import pathlib
import re
import typing

import pytest

import chiso
from chiso import _chiso

PKG = pathlib.Path(chiso.__file__).parent
STUB = PKG / "_chiso.pyi"


def test_package_ships_one_stub_and_the_typed_marker():
    assert (PKG / "py.typed").is_file()
    # A stub beside a pure-Python module would hide its inline annotations.
    assert sorted(p.name for p in PKG.glob("*.pyi")) == ["_chiso.pyi"]


# ---------------------------------------------------------------------------------------------
# The pure-Python modules: inline annotations, complete and resolvable
# ---------------------------------------------------------------------------------------------

def python_objects():
    """(name, object) of every public function and class the pure-Python modules define."""
    out = []
    for name in sorted(dir(chiso)):
        obj = getattr(chiso, name)
        module = getattr(obj, "__module__", "")
        if name.startswith("_") or not module.startswith("chiso._") or module == "chiso._chiso":
            continue
        if inspect.isfunction(obj) or inspect.isclass(obj):
            out.append((name, obj))
    return out


def hint_namespace(module):
    """What a type checker resolves the module's annotations in: its globals plus the imports
    it makes under `if TYPE_CHECKING:` (run here: every module is loaded by now)."""
    ns = dict(vars(module))
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            exec(compile(ast.Module(node.body, []), module.__file__, "exec"), ns)  # noqa: S102
    return ns


def functions_of(cls):
    """(name, function) of the methods, class/static methods and property getters a class
    defines itself (public and dunder; not those collections.namedtuple generates)."""
    for name, v in vars(cls).items():
        if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
            continue
        f = v.fget if isinstance(v, property) else getattr(v, "__func__", v)
        if inspect.isfunction(f) and f.__module__ == cls.__module__:
            yield name, f


def check_annotated(f, ns, what):
    sig = inspect.signature(f)
    for p in sig.parameters.values():
        if p.name in ("self", "cls"):
            continue
        assert p.annotation is not inspect.Parameter.empty, f"{what}: parameter {p.name}"
    assert sig.return_annotation is not inspect.Signature.empty, f"{what}: return"
    typing.get_type_hints(f, globalns=ns)  # every name in the annotations exists


def test_public_functions_and_methods_are_fully_annotated():
    checked = 0
    for name, obj in python_objects():
        ns = hint_namespace(inspect.getmodule(obj))
        if inspect.isfunction(obj):
            for f in [obj, *typing.get_overloads(obj)]:
                check_annotated(f, ns, name)
                checked += 1
        else:
            for mname, f in functions_of(obj):
                check_annotated(f, ns, f"{name}.{mname}")
                checked += 1
    assert checked > 80


def self_attributes(cls):
    """({public attribute: annotated somewhere?}, [annotations]) of the `self.x = ...` and
    `self.x: T = ...` statements in a class's methods."""
    assigned, annotations = {}, []
    for node in ast.walk(ast.parse(inspect.getsource(cls))):
        annotated = isinstance(node, ast.AnnAssign)
        target = node.target if annotated else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                and target.value.id == "self" and not target.attr.startswith("_")):
            assigned[target.attr] = assigned.get(target.attr, False) or annotated
            if annotated:
                annotations.append(node.annotation)
    return assigned, annotations


def test_public_instance_attributes_are_annotated():
    for name, cls in python_objects():
        if not inspect.isclass(cls):
            continue
        ns = hint_namespace(inspect.getmodule(cls))
        assigned, annotations = self_attributes(cls)
        for ann in annotations:
            eval(ast.unparse(ann), ns)  # noqa: S307 - our own annotation; its names must exist
        missing = sorted(a for a, annotated in assigned.items() if not annotated)
        assert not missing, f"{name}: unannotated attributes {missing}"


def test_result_attributes_are_the_assigned_ones():
    r = chiso.score("dti-province-922", warn=False)
    assert {n for n in vars(r) if not n.startswith("_")} == set(self_attributes(chiso.Result)[0])


# ---------------------------------------------------------------------------------------------
# The compiled module: _chiso.pyi against pybind11's signatures
# ---------------------------------------------------------------------------------------------

def split_top(text, sep=","):
    """`text` split at `sep` outside brackets and quotes."""
    parts, depth, quote, cur = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


_COARSE = {
    "List": "list", "list": "list", "Sequence": "list", "Dict": "dict", "dict": "dict",
    "Tuple": "tuple", "tuple": "tuple", "numpy.ndarray": "array", "np.ndarray": "array",
    "npt.ArrayLike": "array", "_Matrix": "array", "_Vector": "array", "os.PathLike": "path",
    "object": "any", "Any": "any",
}


def coarse(t):
    """A type written by pybind11 or in the stub, as a set of coarse kinds: str, int, list,
    dict, tuple, array, path, any, None, or a class name of the module."""
    t = t.strip()
    head, _, rest = t.partition("[")
    args = split_top(rest[:-1]) if rest else []
    if head == "Optional":
        return coarse(args[0]) | {"None"}
    if head == "Union":
        kinds = set().union(*(coarse(a) for a in args))
        return {"path"} | (kinds - {"str", "path"}) if "path" in kinds else kinds
    head = head.removeprefix("chiso._chiso.")
    return {_COARSE.get(head, head)}


def same_type(doc, stub):
    a, b = coarse(doc), coarse(stub)
    return a == b or "any" in a or "any" in b


def doc_signatures(obj, name):
    """[(parameters, return type)] from pybind11's docstring: one per overload. A parameter
    is (name, type or None, default text or None); '*' and '/' markers are kept as names."""
    doc = obj.__doc__ or ""
    lines = [l for l in doc.splitlines() if re.match(rf"^(\d+\. )?{re.escape(name)}\(", l)]
    if len(lines) > 1 and lines[0].startswith(f"{name}(*args, **kwargs)"):
        lines = lines[1:]  # "Overloaded function.", then "1. name(...)", "2. ..."
    if name == "" and doc.startswith("("):
        lines = [doc.splitlines()[0]]  # property getters: "(arg0: X) -> type"
    out = []
    for line in lines:
        line = re.sub(r"^\d+\. ", "", line)
        inner, ret = line[len(name) + 1:].rsplit(") -> ", 1)
        params = []
        for p in split_top(inner):
            head, eq, default = p.partition(" = ")
            pname, colon, ptype = head.partition(": ")
            params.append((pname, ptype if colon else None, default if eq else None))
        out.append((params, ret))
    return out


def stub_signature(fn):
    """(parameters, return annotation) of a stub def, parameters as (name, annotation text or
    None, default text or None, with '...' for a default left unwritten) and '*' markers."""
    a = fn.args
    params = []
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    for p, d in zip(positional, defaults):
        params.append((p.arg, p.annotation and ast.unparse(p.annotation),
                       None if d is None else ast.unparse(d)))
        if a.posonlyargs and p is a.posonlyargs[-1]:
            params.append(("/", None, None))
    if a.vararg:
        params.append(("*" + a.vararg.arg, None, None))
    elif a.kwonlyargs:
        params.append(("*", None, None))
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        params.append((p.arg, p.annotation and ast.unparse(p.annotation),
                       None if d is None else ast.unparse(d)))
    if a.kwarg:
        params.append(("**" + a.kwarg.arg, None, None))
    return params, fn.returns and ast.unparse(fn.returns)


def decorators(fn):
    return {ast.unparse(d) for d in fn.decorator_list}


def compare(runtime_sigs, stub_defs, what):
    assert len(runtime_sigs) == len(stub_defs), f"{what}: {len(runtime_sigs)} signatures"
    for (rparams, rret), fn in zip(runtime_sigs, stub_defs):
        sparams, sret = stub_signature(fn)
        names = [p[0] for p in rparams]
        if names[:1] == ["arg0"] and [p[0] for p in sparams][:1] == ["self"]:
            names[0] = "self"  # property getters
        assert names == [p[0] for p in sparams], f"{what}: parameters"
        for (pname, rtype, rdefault), (_, stype, sdefault) in zip(rparams, sparams):
            assert (rdefault is None) == (sdefault is None), f"{what}: default of {pname}"
            if sdefault not in (None, "..."):
                assert ast.literal_eval(sdefault) == ast.literal_eval(rdefault), \
                    f"{what}: default of {pname}: stub {sdefault}, module {rdefault}"
            if rtype is not None and stype is not None and pname != "self":
                assert same_type(rtype, stype), f"{what}: {pname}: module {rtype}, stub {stype}"
        assert sret is not None, f"{what}: return"
        assert same_type(rret, sret), f"{what}: returns {rret}, stub says {sret}"


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_extension_stub_has_the_modules_names_both_ways():
    tree = stub_tree()
    top = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    top |= {n.target.id for n in tree.body
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    assert {n for n in dir(_chiso) if not n.startswith("__")} == top - {"__version__"}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        obj = getattr(_chiso, cls.name)
        assert [ast.unparse(b) for b in cls.bases] == [
            b.__name__ for b in obj.__bases__ if b.__name__ != "pybind11_object"], cls.name
        if issubclass(obj, BaseException):
            continue
        names = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
        want = {n for n in names if not n.startswith("__")}
        have = {n for n, _ in inspect.getmembers(obj) if not n.startswith("__")}
        assert want <= have, (cls.name, want - have)
        assert {n for n in have if not n.startswith("_")} <= want, (cls.name, have - want)
        # A constructor pybind11 binds has a signature (the default one only refuses).
        bound = (obj.__init__.__doc__ or "").startswith("__init__(")
        assert ("__init__" in names) == bound, f"{cls.name}.__init__"


def stub_functions():
    """(what, runtime object, name, kind, [stub defs]) of every def in the stub."""
    tree = stub_tree()
    out = []

    def collect(body, owner, prefix):
        defs = collections.defaultdict(list)
        for n in body:
            if isinstance(n, ast.FunctionDef):
                defs[n.name].append(n)
        for name, fns in defs.items():
            raw = vars(owner).get(name) if inspect.isclass(owner) else getattr(owner, name)
            out.append((prefix + name, raw, name, fns))

    collect(tree.body, _chiso, "_chiso.")
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        collect(cls.body, getattr(_chiso, cls.name), f"_chiso.{cls.name}.")
    return out


@pytest.mark.parametrize("what, raw, name, fns", stub_functions(),
                         ids=[f[0] for f in stub_functions()])
def test_extension_stub_signature_matches_the_module(what, raw, name, fns):
    overloads = [f for f in fns if "overload" in decorators(f)] or fns
    if isinstance(raw, property):
        assert decorators(fns[0]) == {"property"}, f"{what}: a property"
        compare(doc_signatures(raw.fget, ""), fns, what)
        return
    assert ("staticmethod" in decorators(fns[0])) == isinstance(raw, staticmethod), \
        f"{what}: static or not"
    f = raw.__func__ if isinstance(raw, staticmethod) else raw
    compare(doc_signatures(f, name), overloads, what)
