"""Runner-level self-tests, run by the test command: bad input must fail clearly.

1. the runner rejects an unknown profile, naming the allowed ones;
2. a notebook reading RRM_PROFILE=bogus fails with the library's message naming variable, value and profiles;
3. with no built jars, the real loading cell (first code cell of notebooks/00-tour.ipynb) says how to build;
4. a notebook that throws makes the runner fail, naming the notebook, the cell and the exception;
5. report_index.py on a fake reports folder groups notebooks by paper (README title), counts verdicts in the
   status (ok · 1 FAIL) and writes the claims ledger (claims.csv rows, claims.html totals);
6. interrupting a kernel during a training cell (a loop over two settings that saves under data/ after each fit)
   stops the loop: the cell reports the interrupt, the progress line says "interrupted at step N", the library
   threw TrainingInterruptedException, the kernel answers the next cell and no file under data/ changed;
7. a test step that reaches its time limit (tools/test.py) leaves no notebook runner or kernel behind.
Prints one line per check and "selftest: N passed, N failed"; --summary writes the counts as JSON.
"""
import argparse
import csv
import hashlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import time
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


INTERRUPT_CELLS = [
    """%classpath {lib}/*""",
    """import rrm.nn.*;
import rrm.optim.*;
import rrm.report.*;
import rrm.tensor.Tensor;
var model = Mlp.of(4, 32, 1).build(1L);
var progress = TrainingProgress.start("selftest training");
Throwable[] failure = new Throwable[1];
int[] runs = {0};""",
    # the training cell: a loop over settings that saves after each fit, as a notebook would
    """for (double lr : new double[] {0.01, 0.02}) {
  runs[0]++;
  try {
    Trainer.of(model, Adam.of(model, lr))
        .batches(step -> Tensor.randn(rrm.tensor.Random.stream(5L, step), 256, 4))
        .loss((Mlp m, Tensor x) -> m.apply(x).sub(x.sum(1, true)).abs2().mean())
        .steps(5_000_000).validate(Validation.meanTrainingLoss(), 100).callback(progress).fit();
  } catch (RuntimeException | Error e) {
    failure[0] = e;
    throw e;
  }
  Checkpoint.save(model, java.nio.file.Path.of("{data}", "checkpoints", "selftest-interrupted-" + lr + ".ckpt"),
      java.util.Map.of());
  System.out.println("saved after lr " + lr);
}""",
    '"alive " + (1 + 1)',
    # the interrupted thread unwinds on its own after JJava has answered: give it a few seconds
    """String line = progress.line();
for (int i = 0; i < 100 && (failure[0] == null || !line.contains("interrupted")); i++) {
  Thread.sleep(100);
  line = progress.line();
}
String causes = "";  // the cause chain of an unexpected exception, to diagnose a failure of this check
for (Throwable c = failure[0] == null ? null : failure[0].getCause(); c != null && causes.length() < 400;
    c = c.getCause() == c ? null : c.getCause()) {
  causes += " <- " + c;
}
(failure[0] == null ? "no exception" : failure[0].getClass().getName()) + " | runs " + runs[0] + " | " + line
    + (failure[0] instanceof rrm.optim.TrainingInterruptedException ? "" : " | " + failure[0] + causes)""",
]


def data_hashes():
    return {str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted((ROOT / "data").rglob("*")) if f.is_file()}


def run_cell(km, kc, code, timeout, interrupt_after=None):
    """Runs code; returns (reply status, outputs as text, whether an interrupt was sent). With interrupt_after, the
    kernel is interrupted that many seconds after the cell's first display (the training has started)."""
    msg_id = kc.execute(code)
    outputs, t0, started, interrupted = [], time.monotonic(), None, False
    while True:
        now = time.monotonic()
        if interrupt_after is not None and started is not None and not interrupted and now - started > interrupt_after:
            km.interrupt_kernel()
            interrupted = True
        if now - t0 > timeout:
            return "timeout", outputs, interrupted
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            break
        if kind in ("display_data", "update_display_data", "execute_result"):
            started = started or time.monotonic()
            outputs.append(content["data"].get("text/plain", ""))
        elif kind == "stream":
            outputs.append(content["text"])
        elif kind == "error":
            outputs.append(content["ename"] + ": " + content["evalue"])
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"].get("status"), outputs, interrupted


def check_interrupt_stops_training_and_saves_nothing():
    from jupyter_client.manager import start_new_kernel
    lib = ROOT / "target" / "lib"
    if not list(lib.glob("rrm-*.jar")):
        return False, f"no rrm jar in {lib}: build first (mvn -B -q package -DskipTests)"
    folder = WORK / "interrupt"
    folder.mkdir(parents=True, exist_ok=True)
    before = data_hashes()
    cells = [c.replace("{lib}", lib.as_posix()).replace("{data}", (ROOT / "data").as_posix())
             for c in INTERRUPT_CELLS]
    saved = dict(os.environ)
    os.environ["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    try:
        km, kc = start_new_kernel(kernel_name="java", startup_timeout=120, cwd=str(folder),
                                  stderr=subprocess.DEVNULL)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        for code in cells[:2]:
            status, out, _ = run_cell(km, kc, code, 120)
            if status != "ok":
                return False, f"set-up cell failed ({status}): {' '.join(out)[:300]}"
        status, training, sent = run_cell(km, kc, cells[2], 120, interrupt_after=2.0)
        if not sent:
            return False, f"the training cell ended ({status}) before it could be interrupted: {training[-1:]}"
        alive_status, alive, _ = run_cell(km, kc, cells[3], 30)
        _, summary, _ = run_cell(km, kc, cells[4], 30)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    after = data_hashes()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for name in changed:  # a regression must not leave its stray checkpoints in the repository
        if name not in before and "selftest-interrupted-" in name:
            (ROOT / name).unlink()
    summary = summary[-1] if summary else "(no answer)"
    text = "\n".join(training)
    ok = (status == "error" and "interrupted" in text.lower() and not any(o.startswith("saved") for o in training)
          and alive_status == "ok" and alive == ["alive 2"]
          and summary.startswith("rrm.optim.TrainingInterruptedException | runs 1 | ")
          and "interrupted at step" in summary and not changed)
    detail = (f"cell {status}, next cell {alive}, {summary[:200] if ok else summary[:900]}"
              + (f"; changed under data/: {changed}" if changed else "; data/ unchanged"))
    return ok, detail


def check_time_limit_stops_the_kernels():
    """tools/test.py's step runner, at its time limit, kills the notebook runner and the kernels it started."""
    sys.path.insert(0, str(ROOT / "tools"))
    import test as steps
    folder = WORK / "limit"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = folder / "started"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        f'java.nio.file.Files.writeString(java.nio.file.Path.of("{started.as_posix()}"), "yes");\n'
        "Thread.sleep(600_000);")])
    nbformat.write(nb, folder / "sleeps.ipynb")
    mark = f"RRM_SELFTEST_LIMIT={os.getpid()}-{time.time_ns()}"
    key, value = mark.split("=")
    os.environ[key] = value
    try:
        code = steps.run("selftest step", [sys.executable, "tools/run_notebooks.py", "--root", str(folder),
                                           "--profile", "smoke", "--out", str(folder / "out"),
                                           str(folder / "sleeps.ipynb")], 45)
    finally:
        del os.environ[key]
    time.sleep(1)
    left = steps.processes_with_env(mark)
    for pid in left:  # a regression must not leave its kernels running
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    ok = code == 124 and started.exists() and not left
    return ok, (f"exit {code}, kernel started: {started.exists()}, processes left: {left or 'none'}")


def first(text, marker):
    for line in text.splitlines():
        if marker in line:
            return line.strip()[:240]
    return text.strip().splitlines()[0][:240] if text.strip() else "(no error output)"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--summary", type=Path)
    ap.add_argument("--only", help="run only the checks whose name contains this text")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    checks = [check_runner_rejects_unknown_profile, check_notebook_rejects_unknown_profile,
              check_missing_build_message, check_throwing_notebook_is_named, check_report_pages,
              check_interrupt_stops_training_and_saves_nothing, check_time_limit_stops_the_kernels]
    if args.only:
        checks = [c for c in checks if args.only in c.__name__]
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
