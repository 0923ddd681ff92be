"""The test command (`make test`, called by .ci/run): Maven verify of the core (then installed into the local
Maven repository) and of the optional Spark module spark/, runner self-tests, every notebook in the smoke profile. Ends with one line "N passed, N failed" counting JUnit tests + self-test checks + notebooks;
exits 1 if anything failed. Each step has a time limit so a hung kernel cannot eat the CI budget."""
import glob
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def processes_with_env(entry):
    """Returns the ids of the processes whose environment holds entry ("NAME=value"; Linux /proc, elsewhere none)."""
    mark = entry.encode()
    found = []
    for env in glob.glob("/proc/[0-9]*/environ"):
        try:
            if mark in Path(env).read_bytes().split(b"\0"):
                found.append(int(env.split("/")[2]))
        except OSError:
            pass
    return found


def kernels_started_by(pid):
    """Returns the process ids of the Jupyter kernels that process pid started: jupyter_client gives each kernel a
    session of its own and marks it with JPY_PARENT_PID."""
    return processes_with_env(f"JPY_PARENT_PID={pid}")


def stop(proc):
    """Kills proc's session and the kernels its processes started, then reaps proc."""
    for group in [proc.pid] + kernels_started_by(proc.pid):
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    proc.wait()


def run(title, cmd, limit):
    """Runs cmd in a session of its own; at the time limit that session and the kernels its processes started are
    killed, so a stopped step's Java kernels do not outlive it and keep loading the machine."""
    print(f"== {title}: {' '.join(cmd)}", flush=True)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        code = proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        print(f"== {title}: stopped after the {limit} s limit", flush=True)
        stop(proc)
        code = 124
    except KeyboardInterrupt:  # the step runs in its own session, so Ctrl-C reaches only this script
        stop(proc)
        raise
    print(f"== {title}: exit {code} after {time.monotonic() - t0:.0f} s", flush=True)
    return code


REPORTS = [ROOT / "target" / "surefire-reports", ROOT / "spark" / "target" / "surefire-reports"]


def junit_counts():
    passed = failed = 0
    for f in [f for d in REPORTS for f in glob.glob(str(d / "TEST-*.xml"))]:
        suite = ET.parse(f).getroot()
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        passed += int(suite.get("tests", 0)) - bad - int(suite.get("skipped", 0))
        failed += bad
    return passed, failed


def summary(path):
    p = Path(path)
    return json.loads(p.read_text()) if p.exists() else None


def main():
    t0 = time.monotonic()
    passed = failed = 0
    failures = []

    for f in [f for d in REPORTS for f in glob.glob(str(d / "*"))]:
        Path(f).unlink()
    # `install` = verify + the core jar into the local Maven repository, where the Spark module finds it.
    code = run("maven", ["mvn", "-B", "-ntp", "-Dstyle.color=never", "install"], 1800)
    if code == 0:
        code = run("maven (spark module)", ["mvn", "-B", "-ntp", "-Dstyle.color=never", "-f", "spark/pom.xml",
                                            "verify"], 900)
    p, f = junit_counts()
    if code != 0 and f == 0:
        f = 1  # the build itself failed (compilation, plugin): count it once
        failures.append("mvn install (core) or verify (spark/) failed before or outside the tests (see above)")
    elif f:
        failures.append(f"{f} JUnit test(s) failed (see target/surefire-reports)")
    passed, failed = passed + p, failed + f

    for name, cmd, limit, out in [
        ("runner self-tests", [PY, "tools/selftest.py", "--summary", "target/selftest/summary.json"], 900,
         "target/selftest/summary.json"),
        ("notebooks (smoke)", [PY, "tools/run_notebooks.py", "--profile", "smoke", "--out", "target/notebooks",
                               "--cell-timeout", "300", "--notebook-timeout", "900",
                               "--summary", "target/notebooks/summary.json"], 2400, "target/notebooks/summary.json"),
    ]:
        Path(ROOT / out).unlink(missing_ok=True)
        code = run(name, cmd, limit)
        s = summary(ROOT / out)
        if s is None:
            failed += 1
            failures.append(f"{name}: no summary (exit {code})")
            continue
        passed, failed = passed + s["passed"], failed + s["failed"]
        failures += [f"{name}: {x}" for x in s["failures"]]
        if code != 0 and s["failed"] == 0:
            failed += 1
            failures.append(f"{name}: exit {code} without a counted failure")

    print(f"== test command finished in {time.monotonic() - t0:.0f} s "
          "(counts: JUnit tests + runner self-tests + notebooks)")
    for f in failures:
        print(f"FAILED {f}")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
