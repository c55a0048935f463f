#!/usr/bin/env python3
"""Refuse to install a requirements.lock that no longer matches pyproject.toml.

``make install`` installs the lock only, so a dependency added to or re-pinned in
``pyproject.toml`` without ``make lock`` would be silently missing. This checks, with the
standard library only (it runs before the virtualenv exists), that every requirement of
``[project] dependencies`` and of the ``dev`` extra is in the lock, at the pinned version when
``pyproject.toml`` pins it with ``==``. Exit status 1 and one line per mismatch otherwise.

Usage: python3 scripts/check_lock.py [pyproject.toml] [requirements.lock]
"""

import re
import sys
import tomllib

# A requirement's name, its extras, and an optional ``==`` pin (PEP 508, the subset used here).
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(==\s*([^\s;,]+))?")
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def normalise(name):
    """PEP 503 normalisation: ``Django`` is ``django``, ``factory_boy`` is ``factory-boy``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def mismatches(pyproject_text, lock_text):
    project = tomllib.loads(pyproject_text)["project"]
    wanted = project["dependencies"] + project.get("optional-dependencies", {}).get("dev", [])
    locked = {normalise(name): version for name, version in LOCKED.findall(lock_text)}
    problems = []
    for requirement in wanted:
        match = REQUIREMENT.match(requirement)
        if not match:
            problems.append(f"unreadable requirement in pyproject.toml: {requirement!r}")
            continue
        name, pin = normalise(match.group(1)), match.group(4)
        if name not in locked:
            problems.append(f"{requirement}: not in the lock")
        elif pin and locked[name] != pin:
            problems.append(f"{requirement}: the lock has {name}=={locked[name]}")
    return problems


def main(argv):
    pyproject_path = argv[1] if len(argv) > 1 else "pyproject.toml"
    lock_path = argv[2] if len(argv) > 2 else "requirements.lock"
    with open(pyproject_path, encoding="utf-8") as f:
        pyproject_text = f.read()
    with open(lock_path, encoding="utf-8") as f:
        lock_text = f.read()
    problems = mismatches(pyproject_text, lock_text)
    for problem in problems:
        print(f"{lock_path} is out of date: {problem}", file=sys.stderr)
    if problems:
        print("Run `make lock` and commit the new lock.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
