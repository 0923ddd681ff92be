"""Execute notebooks headless on the JJava kernel and report each one.

    .venv/bin/python tools/run_notebooks.py --profile smoke --out target/notebooks
    .venv/bin/python tools/run_notebooks.py --profile full --out reports --html --index

For each notebook (every *.ipynb under --root, or the paths given) the kernel runs in the notebook's
folder with RRM_PROFILE, RRM_VERDICTS_CSV and RRM_STAMP_JSON set; the executed notebook goes to
<out>/<path relative to root>.ipynb (plus .html with --html, titled by the notebook's first heading), with
<stem>.run.json recording status, wall time, title and profile. --index then rebuilds <out>/index.html and
the claims ledger (claims.html, claims.csv) from every notebook in <out> (see report_index.py). A failing cell
is named by notebook, index, first source line and exception. The last line is "notebooks: N passed, N failed";
exit status 1 if any failed.
"""
import argparse
import asyncio
import csv
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from report_index import notebook_title, plural, write_reports

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PROFILES = ("full", "smoke", "paper")


class Result:
    def __init__(self, notebook, rel):
        self.notebook, self.rel = notebook, rel
        self.ok, self.seconds, self.error = False, 0.0, ""
        self.verdicts, self.stamp = None, {}

    def verdict_line(self):
        if self.verdicts is None:
            return ""
        return ", ".join(f"{self.verdicts.get(k, 0)} {k}" for k in ("PASS", "WARN", "FAIL"))


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def describe_error(nb, index, exc):
    """Names the failing cell: index, first source line, exception (from the cell's error output)."""
    cell = nb.cells[index] if index is not None and index < len(nb.cells) else None
    where = f"cell {index}" + (f" `{first_line(cell.source)}`" if cell is not None else "")
    if isinstance(exc, CellTimeoutError):
        return f"{where}: timed out ({exc})".splitlines()[0]
    if isinstance(exc, DeadKernelError):
        return f"{where}: the kernel died ({exc})"
    if isinstance(exc, asyncio.TimeoutError):
        return f"{where}: the notebook exceeded its time limit"
    for out in (cell.get("outputs", []) if cell is not None else []):
        if out.get("output_type") == "error":
            lines = [ANSI.sub("", line) for line in out.get("traceback", [])]
            text = " ".join(l.strip() for l in "\n".join(lines).splitlines() if l.strip())
            evalue = out.get("evalue") or ""
            java = re.match(r"^([\w.$]+(?:Exception|Error)), (.*)$", evalue, re.S)  # JJava: "x.YException, msg"
            if out.get("ename") == "CompilationException":  # the compiler's words are in the traceback
                message = "CompilationException: " + text.replace("|", "").strip()
            elif java:
                message = f"{java.group(1)}: {java.group(2)}"
            else:
                message = f"{out.get('ename', 'Error')}: {evalue}" if evalue else text
            return f"{where}: {message[:600]}"
    return f"{where}: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


async def execute(client, nb, state, notebook_timeout, label):
    async def ticker():
        while True:
            await asyncio.sleep(30)
            i = state.get("cell")
            src = first_line(nb.cells[i].source) if i is not None else ""
            print(f"    ... {label}: {time.monotonic() - state['t0']:.0f} s, running cell {i} `{src}`", flush=True)

    tick = asyncio.ensure_future(ticker())
    try:
        await asyncio.wait_for(client.async_execute(stderr=state["log"]), timeout=notebook_timeout)
    finally:
        tick.cancel()


def run_one(path, rel, out_dir, args):
    result = Result(path, rel)
    stem = out_dir / rel.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    files = {k: Path(f"{stem}.{k}") for k in ("verdicts.csv", "stamp.json", "kernel.log", "run.json")}
    for f in list(files.values()) + [Path(f"{stem}.ipynb"), Path(f"{stem}.html")]:
        f.unlink(missing_ok=True)
    os.environ["RRM_PROFILE"] = args.profile
    os.environ["RRM_VERDICTS_CSV"] = str(files["verdicts.csv"].resolve())
    os.environ["RRM_STAMP_JSON"] = str(files["stamp.json"].resolve())
    nb = nbformat.read(path, as_version=4)
    state = {"cell": None, "t0": time.monotonic()}
    client = NotebookClient(
        nb, kernel_name="java", timeout=args.cell_timeout, startup_timeout=120,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        on_cell_start=lambda cell, cell_index: state.__setitem__("cell", cell_index))
    with open(files["kernel.log"], "w") as log:
        state["log"] = log
        try:
            asyncio.run(execute(client, nb, state, args.notebook_timeout, rel))
            result.ok = True
        except (CellExecutionError, CellTimeoutError, DeadKernelError, asyncio.TimeoutError) as exc:
            result.error = describe_error(nb, state["cell"], exc)
        except Exception as exc:  # kernel start failures and the like
            result.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    result.seconds = time.monotonic() - state["t0"]
    nbformat.write(nb, f"{stem}.ipynb")
    title = notebook_title(nb, rel.stem)
    if args.html:
        export_html(nb, Path(f"{stem}.html"), title)
    files["run.json"].write_text(json.dumps({
        "notebook": str(rel), "title": title, "ok": result.ok, "seconds": round(result.seconds, 1),
        "error": result.error, "profile": args.profile, "finished": time.strftime("%Y-%m-%d %H:%M:%S")},
        indent=1), encoding="utf-8")
    if files["verdicts.csv"].exists():
        with open(files["verdicts.csv"], newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        result.verdicts = {k: sum(1 for r in rows if r["verdict"] == k) for k in ("PASS", "WARN", "FAIL")}
    if files["stamp.json"].exists():
        result.stamp = json.loads(files["stamp.json"].read_text(encoding="utf-8"))
    if result.ok and files["kernel.log"].stat().st_size == 0:
        files["kernel.log"].unlink()
    return result


def export_html(nb, target, title):
    """Exports nb as self-contained HTML (template tools/nbtemplate/rrm) with `title` as the page title."""
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="rrm", extra_template_basedirs=[str(ROOT / "tools" / "nbtemplate")])
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    target.write_text(body, encoding="utf-8")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: every one under --root)")
    p.add_argument("--root", type=Path, default=ROOT / "notebooks", help="folder the output layout mirrors")
    p.add_argument("--profile", choices=PROFILES, required=True)
    p.add_argument("--out", type=Path, required=True, help="folder for executed notebooks and side files")
    p.add_argument("--html", action="store_true", help="also export self-contained HTML per notebook")
    p.add_argument("--index", action="store_true",
                   help="write <out>/index.html and the claims ledger <out>/claims.html, claims.csv")
    p.add_argument("--summary", type=Path, help="write {passed, failed, failures} as JSON here")
    p.add_argument("--cell-timeout", type=int, default=os.environ.get("RRM_CELL_TIMEOUT"),
                   help="seconds per cell (default 600 in smoke; 4 h in full and paper, where a cell may train)")
    p.add_argument("--notebook-timeout", type=int, default=os.environ.get("RRM_NOTEBOOK_TIMEOUT"),
                   help="seconds per notebook (default 1 h in smoke; 12 h in full and paper)")
    args = p.parse_args()
    smoke = args.profile == "smoke"
    args.cell_timeout = int(args.cell_timeout or (600 if smoke else 4 * 3600))
    args.notebook_timeout = int(args.notebook_timeout or (3600 if smoke else 12 * 3600))

    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(Path(sys.prefix) / "share" / "jupyter")] + [x for x in [os.environ.get("JUPYTER_PATH")] if x])
    root = args.root.resolve()
    paths = args.paths or sorted(q for q in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts)
    if not paths:
        print(f"no notebooks under {root}")
    results = []
    t_all = time.monotonic()
    for n, path in enumerate(paths, 1):
        path = path.resolve()
        rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        print(f"[{n}/{len(paths)}] {rel} ({args.profile}) ...", flush=True)
        r = run_one(path, rel, args.out, args)
        results.append(r)
        verdicts = f", verdicts: {r.verdict_line()}" if r.verdicts is not None else ""
        status = "ok" if r.ok else "FAILED"
        print(f"      {status} in {r.seconds:.1f} s{verdicts}  (total {time.monotonic() - t_all:.0f} s)", flush=True)
        if not r.ok:
            print(f"FAIL {rel}: {r.error}", flush=True)
            print(f"      kernel log: {args.out / rel.with_suffix('.kernel.log')}", flush=True)
    if args.index:
        notebooks, claims = write_reports(args.out, root)
        print(f"index: {args.out / 'index.html'} ({plural(notebooks, 'notebook')}); claims ledger: "
              f"{args.out / 'claims.html'} ({plural(claims, 'claim')})")
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"FAIL {r.rel}: {r.error}")
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(json.dumps({"passed": len(results) - len(failed), "failed": len(failed),
                                            "failures": [f"{r.rel}: {r.error}" for r in failed]}))
    print(f"notebooks: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
