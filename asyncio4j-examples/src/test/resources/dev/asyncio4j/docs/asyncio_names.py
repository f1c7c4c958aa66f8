#!/usr/bin/env python3
"""Lists the public names of CPython's asyncio package, one a line, for AsyncioGuideTest.

Usage: asyncio_names.py PATH/TO/Lib/asyncio > cpython-3.13-asyncio-names.txt

It reads the sources with `ast` and imports nothing, so any Python 3 can list any version's
names. The list checked in beside it was made from CPython 3.13.2's Lib/asyncio (taken from the
python_stdlib.zip of the npm package pyodide 0.29.5, whose pyodide-lock.json says
"python": "3.13.2"; its asyncio files are CPython's own).

What it lists:
- asyncio.NAME for each NAME of asyncio.__all__, that is of the __all__ of each submodule that
  asyncio/__init__.py star-imports, both the Unix and the Windows branch (so Windows-only names
  are listed too). Names starting with an underscore are in __all__ for asyncio's own C
  accelerator and tests, not for users, and are left out.
- asyncio.subprocess.NAME for the names users reach through that module (PIPE, STDOUT, DEVNULL,
  Process), which are not in asyncio.__all__.
- CLASS.NAME for each public method, property and public instance attribute (assigned as
  self.NAME in __init__) defined in the body of the classes in CLASSES. Dunder methods (async
  with, async for, await) are not listed: the guide says how each class does them.
"""
import ast
import sys
from pathlib import Path

# module -> classes whose members are listed (their own bodies, not inherited ones).
CLASSES = {
    "events": ["AbstractEventLoop", "AbstractServer", "Handle", "TimerHandle"],
    "base_events": ["Server"],
    "futures": ["Future"],
    "tasks": ["Task"],
    "taskgroups": ["TaskGroup"],
    "timeouts": ["Timeout"],
    "runners": ["Runner"],
    "locks": ["Lock", "Event", "Condition", "Semaphore", "BoundedSemaphore", "Barrier"],
    "queues": ["Queue", "PriorityQueue", "LifoQueue"],
    "streams": ["StreamReader", "StreamWriter", "StreamReaderProtocol"],
    "subprocess": ["Process"],
    "transports": ["BaseTransport", "ReadTransport", "WriteTransport", "Transport",
                   "DatagramTransport", "SubprocessTransport"],
    "protocols": ["BaseProtocol", "Protocol", "BufferedProtocol", "DatagramProtocol",
                  "SubprocessProtocol"],
    "exceptions": ["IncompleteReadError", "LimitOverrunError"],
}
SUBPROCESS_MODULE_NAMES = ["PIPE", "STDOUT", "DEVNULL", "Process"]


def parse(lib, module):
    return ast.parse((lib / f"{module}.py").read_text(encoding="utf-8"))


def module_all(tree):
    """__all__ as the module builds it: assigned, then extended with += (even under an if, as
    streams.py adds its Unix-socket functions where AF_UNIX exists)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            names.extend(ast.literal_eval(node.value))
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) \
                and node.target.id == "__all__":
            names.extend(ast.literal_eval(node.value))
    return names


def star_imported_modules(init_tree):
    modules = []
    for node in ast.walk(init_tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 \
                and any(alias.name == "*" for alias in node.names):
            modules.append(node.module)
    return modules


def is_public(name):
    return not name.startswith("_")


def class_members(tree, class_name):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            members = []
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if is_public(item.name) and item.name not in members:
                        members.append(item.name)
                    if item.name == "__init__":
                        for sub in ast.walk(item):
                            if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store) \
                                    and isinstance(sub.value, ast.Name) and sub.value.id == "self" \
                                    and is_public(sub.attr) and sub.attr not in members:
                                members.append(sub.attr)
            return members
    raise SystemExit(f"class {class_name} not found")


def main(lib):
    lib = Path(lib)
    names = []
    for module in star_imported_modules(parse(lib, "__init__")):
        names.extend(f"asyncio.{n}" for n in module_all(parse(lib, module)) if is_public(n))
    names.extend(f"asyncio.subprocess.{n}" for n in SUBPROCESS_MODULE_NAMES)
    for module, classes in CLASSES.items():
        tree = parse(lib, module)
        for class_name in classes:
            names.extend(f"{class_name}.{m}" for m in class_members(tree, class_name))
    seen = set()
    for name in names:
        if name not in seen:
            seen.add(name)
            print(name)


if __name__ == "__main__":
    main(sys.argv[1])
