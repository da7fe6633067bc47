#!/usr/bin/python3
"""Fails when a file of one area of src/ includes a header of an area it may not depend on.

The allowed directions are docs/ARCHITECTURE.md's:
  http → {scheduling, webhooks} → jobs → interviews → {store, notify, calcom} → domain → core
with auth and directory beside them over the store, and app wiring everything. An area may use any area
below the ones it names (the rule is transitive); nothing may point upwards or sideways.
"""
import pathlib
import re
import sys

# Each area and the areas it may include directly; everything they may include follows.
ALLOWED = {
    "core": set(),
    "domain": {"core"},
    "store": {"domain"},
    "calcom": {"core"},
    "notify": {"store"},  # the email outbox is a table
    "auth": {"store"},
    "directory": {"store"},  # startups, contacts, the team: services over their repositories
    "interviews": {"store", "notify", "calcom"},
    "jobs": {"interviews"},  # the job table's planner, worker and jobs (reminders will send notices)
    "scheduling": {"interviews", "jobs"},
    "webhooks": {"interviews", "jobs"},
    "http": {"scheduling", "webhooks", "auth", "directory"},
    "app": {"http"},
}


def reachable(area):
    seen, todo = set(), list(ALLOWED[area])
    while todo:
        below = todo.pop()
        if below not in seen:
            seen.add(below)
            todo.extend(ALLOWED[below])
    return seen


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cpp", ".hpp") or not path.is_file():
            continue
        area = path.relative_to(src).parts[0]
        if area not in ALLOWED:
            problems.append(f"{path}: area '{area}' is not in the dependency rule (tests/docs/check_dependencies.py)")
            continue
        may = reachable(area) | {area}
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = include.match(line)
            if match and match.group(1) in ALLOWED and match.group(1) not in may:
                problems.append(f"{path}:{number}: {area} may not include {match.group(1)}/ ({line.strip()})")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} include(s) against the direction of dependencies")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
