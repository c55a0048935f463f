"""List the imports placed inside functions in the project's own apps (issue 10: imports at the
top; the few that remain say why in a comment). Usage: ``python scripts/lazy_imports.py``
from the project root; prints one line per import, then the count per app."""

import ast
import collections
import pathlib
import sys

APPS = "accounts home practices events search demo operations cdp_portal bench".split()


def lazy_imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                walk(child, f"{function}.{child.name}" if function else child.name)
            elif isinstance(child, (ast.Import, ast.ImportFrom)) and function:
                if isinstance(child, ast.ImportFrom):
                    module = "." * child.level + (child.module or "")
                    names = ", ".join(alias.name for alias in child.names)
                    found.append((child.lineno, function, f"from {module} import {names}"))
                else:
                    names = ", ".join(alias.name for alias in child.names)
                    found.append((child.lineno, function, f"import {names}"))
            else:
                walk(child, function)

    walk(tree, None)
    return found


def main(root="."):
    counts = collections.Counter()
    for app in APPS:
        for path in sorted(pathlib.Path(root, app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, function, statement in lazy_imports(path):
                counts[app] += 1
                print(f"{path}:{line}  {function}  {statement}")
    print(f"total {sum(counts.values())}: " + ", ".join(f"{a} {n}" for a, n in counts.items()))


if __name__ == "__main__":
    main(*sys.argv[1:])
