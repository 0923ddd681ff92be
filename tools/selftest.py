"""Runner-level self-tests, run by the test command: bad input must fail clearly.

1. the runner rejects an unknown profile, naming the allowed ones;
2. a notebook reading RRM_PROFILE=bogus fails with the library's message naming variable, value and profiles;
3. with no built jars, the real loading cell (first code cell of notebooks/00-tour.ipynb) says how to build;
4. a notebook that throws makes the runner fail, naming the notebook, the cell and the exception;
5. report_index.py on a fake reports folder groups notebooks by paper (README title), counts verdicts in the
   status (ok · 1 FAIL) and writes the claims ledger (claims.csv rows, claims.html totals).
Prints one line per check and "selftest: N passed, N failed"; --summary writes the counts as JSON.
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "src" / "test" / "resources" / "notebooks"
WORK = ROOT / "target" / "selftest"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def execute(nb, folder, env):
    """Runs nb in folder on the venv's JJava kernel with env added; returns the text of all error outputs."""
    saved = dict(os.environ)
    os.environ.update(env)
    os.environ["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    try:
        NotebookClient(nb, kernel_name="java", timeout=120, startup_timeout=120, allow_errors=True,
                       resources={"metadata": {"path": str(folder)}}).execute(stderr=subprocess.DEVNULL)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    errors = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"cell {i}: " + ANSI.sub("", "\n".join(out.get("traceback", []))))
    return "\n".join(errors)


def check_runner_rejects_unknown_profile():
    p = subprocess.run([sys.executable, "tools/run_notebooks.py", "--profile", "bogus", "--out", str(WORK / "x")],
                       cwd=ROOT, capture_output=True, text=True)
    ok = p.returncode == 2 and "bogus" in p.stderr and all(x in p.stderr for x in ("full", "smoke", "paper"))
    return ok, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"


def check_notebook_rejects_unknown_profile():
    nb = nbformat.read(FIXTURES / "profile.ipynb", as_version=4)
    errors = execute(nb, FIXTURES, {"RRM_PROFILE": "bogus"})
    expected = "RRM_PROFILE is 'bogus', which is not a profile: expected one of full, smoke, paper."
    return expected in errors and "IllegalArgumentException" in errors, first(errors, "IllegalArgumentException")


def check_missing_build_message():
    tour = nbformat.read(ROOT / "notebooks" / "00-tour.ipynb", as_version=4)
    load = next(c for c in tour.cells if c.cell_type == "code")
    project = WORK / "unbuilt-project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "notebooks").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(load.source)])
    errors = execute(nb, project / "notebooks", {})
    ok = ("The rrm library is not built" in errors and "make build" in errors and errors.startswith("cell 0:")
          and "Error resolving glob" not in errors)
    return ok, first(errors, "IllegalStateException")


def check_throwing_notebook_is_named():
    p = subprocess.run([sys.executable, "tools/run_notebooks.py", "--root", str(FIXTURES), "--profile", "smoke",
                        "--out", str(WORK / "throws"), str(FIXTURES / "throws.ipynb")],
                       cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    lines = p.stdout.strip().splitlines()
    named = [l for l in lines if l.startswith("FAIL throws.ipynb: cell 2 `throw new IllegalStateException(")]
    executed = nbformat.read(WORK / "throws" / "throws.ipynb", as_version=4) if (WORK / "throws" / "throws.ipynb").exists() else None
    stopped = executed is not None and not executed.cells[3].get("outputs")
    ok = (p.returncode == 1 and bool(named) and "deliberate failure for the runner self-test" in named[0]
          and "IllegalStateException" in named[0] and lines[-1] == "notebooks: 0 passed, 1 failed" and stopped)
    return ok, named[0] if named else (lines[-1] if lines else f"exit {p.returncode}: {p.stderr[-300:]}")


def check_report_pages():
    out, root = WORK / "fake-reports", WORK / "fake-notebooks"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    (root / "001-demo").mkdir(parents=True)
    (root / "001-demo" / "README.md").write_text("# Demo paper: *a* title\n\nNotes.\n")
    (out / "001-demo").mkdir(parents=True)
    runs = {"00-tour": (True, "check,paper,ours,threshold,verdict\nbound,,0.5,≤ 1,WARN\n"),
            "001-demo/a": (True, 'check,paper,ours,threshold,verdict\n"rate, low noise",83.21,83.0,± 0.5,PASS\n'
                                 "ratio,1.0033,0.97,≥ 0.99,FAIL\n"),
            "001-demo/b": (False, None)}
    for stem, (ok, verdicts) in runs.items():
        (out / f"{stem}.run.json").write_text(json.dumps({"ok": ok, "seconds": 1.0, "title": f"Title {stem}",
                                                          "error": "" if ok else "cell 3: boom", "profile": "smoke"}))
        if verdicts:
            (out / f"{stem}.verdicts.csv").write_text(verdicts, encoding="utf-8")
    p = subprocess.run([sys.executable, "tools/report_index.py", str(out), "--root", str(root)], cwd=ROOT,
                       capture_output=True, text=True)
    with open(out / "claims.csv", newline="", encoding="utf-8") as f:
        ledger = list(csv.DictReader(f))
    index = (out / "index.html").read_text(encoding="utf-8")
    claims = (out / "claims.html").read_text(encoding="utf-8")
    checks = {
        "exit 0": p.returncode == 0,
        "3 ledger rows": len(ledger) == 3,
        "row fields": ledger[1] == {"paper": "001-demo", "notebook": "001-demo/a.ipynb", "check": "rate, low noise",
                                    "paper_value": "83.21", "ours": "83.0", "threshold": "± 0.5", "verdict": "PASS"},
        "totals": "<b>3 claims:</b>" in claims and "1 PASS" in claims and "1 FAIL" in claims,
        "paper heading": "<h2>Demo paper: a title</h2>" in index and "001-demo/README.html" in index,
        "status counts FAIL": '<span class="fail">ok · 1 FAIL</span>' in index,
        "status counts WARN": '<span class="warn">ok · 1 WARN</span>' in index,
        "failed status": '<span class="failed">failed</span>' in index,
    }
    bad = [k for k, v in checks.items() if not v]
    return not bad, f"{len(ledger)} ledger rows" if not bad else f"failed: {bad}; {p.stderr.strip()[-300:]}"


def first(text, marker):
    for line in text.splitlines():
        if marker in line:
            return line.strip()[:240]
    return text.strip().splitlines()[0][:240] if text.strip() else "(no error output)"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--summary", type=Path)
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    checks = [check_runner_rejects_unknown_profile, check_notebook_rejects_unknown_profile,
              check_missing_build_message, check_throwing_notebook_is_named, check_report_pages]
    failures = []
    for check in checks:
        name = check.__name__.removeprefix("check_").replace("_", " ")
        try:
            ok, detail = check()
        except Exception as exc:  # a crash in a check is a failed check
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        if not ok:
            failures.append(f"{name}: {detail}")
    passed = len(checks) - len(failures)
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(json.dumps({"passed": passed, "failed": len(failures), "failures": failures}))
    print(f"selftest: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
