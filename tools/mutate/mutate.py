#!/usr/bin/python3
"""make mutate: plants each mutation of tools/mutate/mutations.toml, one at a time, in a copy of
the source tree, rebuilds it incrementally (the `mutate` preset: no sanitizers, -O0), runs the
tests mapped to it, and prints which mutants the suite killed. A mutant that survives is a bug
the tests cannot see.

The checkout is never modified: the tree is copied into build/mutate-src (by content) and
the mutant written there. A mutation whose original text is not found exactly once in its file
is refused before anything is built, so the list cannot silently go out of date.

  tools/mutate/mutate.py [--list FILE] [--only REGEX] [--jobs N] [--check]

Exit status: 0 all killed; 1 some survived; 2 the list is invalid, a mutant did not compile, or
the mapped tests fail on the unmutated code (then no result would mean anything).
Debian's Python, standard library only.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LIST = ROOT / "tools/mutate/mutations.toml"
COPY = ROOT / "build/mutate-src"
BUILD = COPY / "build/mutate"
LOGS = ROOT / "build/mutate-logs"
# The binaries every integration test starts, whatever test executable runs it.
ALWAYS_BUILT = ["poblysh-interviews", "calcom-sim"]
FIELDS = ("id", "file", "original", "replacement", "description", "tests")
# Longer than any one test's own timeout: a mutant that makes a test hang is killed by its timeout.
TEST_TIMEOUT_SECONDS = 300


class ListError(Exception):
    pass


def load(list_path):
    with open(list_path, "rb") as handle:
        mutations = tomllib.load(handle).get("mutation", [])
    problems, seen = [], set()
    for index, mutation in enumerate(mutations):
        name = mutation.get("id", f"#{index + 1}")
        # A replacement may be empty (a line removed); everything else must say something.
        missing = [field for field in FIELDS if field not in mutation or (field != "replacement" and not mutation[field])]
        if missing:
            problems.append(f"{name}: missing {', '.join(missing)}")
            continue
        if name in seen:
            problems.append(f"{name}: the id is used twice")
        seen.add(name)
        if mutation["original"] == mutation["replacement"]:
            problems.append(f"{name}: the replacement is the original")
        source = ROOT / mutation["file"]
        if not source.is_file():
            problems.append(f"{name}: no file {mutation['file']}")
            continue
        count = source.read_text().count(mutation["original"])
        if count != 1:
            problems.append(f"{name}: the original text occurs {count} times in {mutation['file']}, not once")
        try:
            re.compile(mutation["tests"])
        except re.error as error:
            problems.append(f"{name}: tests is not a regular expression ({error})")
    if problems:
        raise ListError("\n".join(problems))
    return mutations


def run(command, log=None, cwd=None):
    """Runs `command`, its output appended to `log` (or discarded); returns the exit status."""
    if log is None:
        return subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT).returncode
    with open(log, "a") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        return subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode


# Not copied: build output (the copy itself lives there), git's data, npm's packages.
SKIPPED = {ROOT / "build", ROOT / ".git", ROOT / "web/dist"}


def copy_tree():
    """Mirrors the checkout into build/mutate-src by content: a file whose bytes changed is
    written (a new time, so it is rebuilt); one left alone keeps its time, so a file restored
    after an earlier mutant (newer than the mutant's objects) is rebuilt too. Never an old time
    over a newer object file."""
    wanted = set()
    for folder, subfolders, files in os.walk(ROOT):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if here / d not in SKIPPED and d != "node_modules"]
        for name in files:
            source = here / name
            if source in SKIPPED or source.is_symlink() or not source.is_file():
                continue
            relative = source.relative_to(ROOT)
            wanted.add(relative)
            target = COPY / relative
            data = source.read_bytes()
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            shutil.copymode(source, target)
    for folder, subfolders, files in os.walk(COPY):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if here / d != COPY / "build"]
        for name in files:
            if (here / name).relative_to(COPY) not in wanted:
                (here / name).unlink()


def configure(log):
    # Every run: a changed preset or CMakeLists reaches the build; quick when nothing changed.
    command = ["cmake", "--preset", "mutate"]
    if shutil.which("ccache"):
        # Each mutated file is compiled again once restored: a cache hit with ccache.
        command += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
    if run(command, log, cwd=COPY) != 0:
        raise SystemExit(f"mutate: configuring the mutate preset failed, see {log}")


def build(targets, jobs, log):
    command = ["cmake", "--build", str(BUILD), "-j", str(jobs)]
    if targets:
        command += ["--target", *targets]
    return run(command, log) == 0


def test_executables():
    """ctest's tests by name -> the target (executable) that runs them, or None for a script."""
    listed = subprocess.run(["ctest", "--test-dir", str(BUILD), "--show-only=json-v1"], capture_output=True,
                            text=True, check=True)
    by_test = {}
    for test in json.loads(listed.stdout).get("tests", []):
        command = test.get("command") or []
        in_build = bool(command) and Path(command[0]).is_relative_to(BUILD)
        by_test[test["name"]] = Path(command[0]).name if in_build else None
    return by_test


def targets_for(pattern, executables):
    matcher = re.compile(pattern)
    names = {target for name, target in executables.items() if target and matcher.search(name)}
    return ALWAYS_BUILT + sorted(names)


def ctest(pattern, jobs, log, stop_on_failure):
    command = ["ctest", "--test-dir", str(BUILD), "-R", pattern, "-j", str(jobs), "--timeout",
               str(TEST_TIMEOUT_SECONDS), "--output-on-failure", "--no-tests=error"]
    if stop_on_failure:
        command.append("--stop-on-failure")
    return run(command, log)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", default=str(DEFAULT_LIST), help="the mutation list (TOML)")
    parser.add_argument("--only", help="run only the mutations whose id matches this regular expression")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "2")))
    parser.add_argument("--check", action="store_true", help="only check the list against the sources")
    args = parser.parse_args()

    try:
        mutations = load(args.list)
    except ListError as error:
        print(f"mutate: the mutation list does not match the sources:\n{error}", file=sys.stderr)
        return 2
    if args.check:
        print(f"mutate: {len(mutations)} mutations, each original found exactly once")
        return 0
    if args.only:
        mutations = [m for m in mutations if re.search(args.only, m["id"])]
        if not mutations:
            print(f"mutate: no mutation id matches {args.only}", file=sys.stderr)
            return 2

    # Mutants of one file in a row: the file is compiled once per mutant, not once more restored.
    mutations.sort(key=lambda m: m["file"])

    started = time.monotonic()
    LOGS.mkdir(parents=True, exist_ok=True)
    setup_log = LOGS / "setup.log"
    setup_log.write_text("")
    copy_tree()
    configure(setup_log)
    print(f"mutate: building the unmutated tree (preset mutate, log {setup_log})", flush=True)
    if not build([], args.jobs, setup_log):
        print(f"mutate: the unmutated tree does not build, see {setup_log}", file=sys.stderr)
        return 2
    built = time.monotonic()
    executables = test_executables()
    # A regex that names no test would count its mutant as killed (ctest fails): refused.
    unmapped = [m["id"] for m in mutations if not any(re.search(m["tests"], name) for name in executables)]
    if unmapped:
        print(f"mutate: these mutations' tests match no test: {', '.join(unmapped)}", file=sys.stderr)
        return 2
    print(f"mutate: the mapped tests on the unmutated code ({time.monotonic() - started:.0f} s so far)", flush=True)
    patterns = sorted({m["tests"] for m in mutations})
    # CTest's regular expressions hold at most nine groups: the union is run a few at a time.
    for first in range(0, len(patterns), 8):
        union = "|".join(f"({pattern})" for pattern in patterns[first:first + 8])
        if ctest(union, args.jobs, setup_log, stop_on_failure=False) != 0:
            print(f"mutate: the mapped tests fail without any mutation, see {setup_log}", file=sys.stderr)
            return 2
    baseline_done = time.monotonic()

    results = []
    for number, mutation in enumerate(mutations, 1):
        began = time.monotonic()
        log = LOGS / f"{mutation['id']}.log"
        log.write_text(f"{mutation['description']}\n{mutation['file']}:\n- {mutation['original']}\n"
                       f"+ {mutation['replacement']}\n\n")
        source = COPY / mutation["file"]
        original_text = source.read_text()
        if original_text.count(mutation["original"]) != 1:
            raise SystemExit(f"mutate: {mutation['id']}: the copy differs from the checkout")
        source.write_text(original_text.replace(mutation["original"], mutation["replacement"]))
        try:
            if not build(targets_for(mutation["tests"], executables), args.jobs, log):
                outcome = "NO BUILD"
            else:
                outcome = "killed" if ctest(mutation["tests"], args.jobs, log, stop_on_failure=True) != 0 else "SURVIVED"
        finally:
            source.write_text(original_text)  # newer than the mutant's objects: rebuilt next time
        seconds = time.monotonic() - began
        results.append((mutation, outcome, seconds))
        print(f"[{number:2}/{len(mutations)}] {outcome:8} {seconds:5.0f} s  {mutation['id']}", flush=True)

    # Leave the build as the sources are, for whoever runs its tests next.
    build(ALWAYS_BUILT + sorted({target for target in executables.values() if target}), args.jobs, setup_log)
    mutants_done = time.monotonic()

    killed = sum(1 for _, outcome, _ in results if outcome == "killed")
    width = max(len(m["id"]) for m, _, _ in results)
    print()
    print(f"{'mutation':<{width}}  {'result':<8}  {'time':>5}  what it breaks")
    for mutation, outcome, seconds in results:
        print(f"{mutation['id']:<{width}}  {outcome:<8}  {seconds:4.0f}s  {mutation['description']}")
    total = time.monotonic() - started
    print()
    print(f"score: {killed}/{len(results)} killed ({100.0 * killed / len(results):.0f} %)")
    print(f"time: {total / 60:.1f} min in all (build {(built - started) / 60:.1f} min, unmutated tests "
          f"{(baseline_done - built) / 60:.1f} min, mutants {(mutants_done - baseline_done) / 60:.1f} min); "
          f"logs in {LOGS.relative_to(ROOT)}")
    if any(outcome == "NO BUILD" for _, outcome, _ in results):
        return 2
    return 0 if killed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
