"""Writes the shareable pages of a reports folder from the files the notebook runner leaves there.

    .venv/bin/python tools/report_index.py reports            # rebuild reports/index.html and the ledger
    .venv/bin/python tools/report_index.py reports --root notebooks

For every executed notebook the runner writes <stem>.run.json (status, wall time, title, profile), and the
notebook writes <stem>.verdicts.csv (its paper-vs-ours rows) and <stem>.stamp.json (its run stamp). From these:

  index.html   one section per paper folder, headed by the first line of the folder's README.md (rendered next to
               the reports as README.html and linked); one row per notebook with its title, a status that counts
               its verdicts (ok · 2 FAIL is not plain green), wall time and run stamp
  claims.html  the claims ledger: every paper-vs-ours row of every notebook on one page, totals on top, filters by
               paper and by verdict (a few lines of inline JavaScript; no network)
  claims.csv   the same rows: paper, notebook, check, paper_value, ours, threshold, verdict
Everything is read from disk, so re-running one notebook updates its row and keeps the others.
"""
import argparse
import csv
import html
import json
import math
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ("PASS", "WARN", "FAIL")
LEDGER_HEADER = ["paper", "notebook", "check", "paper_value", "ours", "threshold", "verdict"]
TOUR = "Tour and overview"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; max-width: 1400px; }
table { border-collapse: collapse; margin-bottom: 1.5em; } .sections table { width: 100%; }
.nowrap { white-space: nowrap; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } h2 { margin-top: 1.6em; } .num { text-align: right; white-space: nowrap; }
.ok, .PASS { color: #1a7f37; font-weight: bold; } .warn, .WARN { color: #9a6700; font-weight: bold; }
.fail, .FAIL, .failed { color: #cf222e; font-weight: bold; } .small { font-size: smaller; color: #57606a; }
.totals span { margin-right: 1.2em; } select { margin-right: 1em; }
"""


def notebook_title(nb, fallback):
    """Returns the text of the notebook's first markdown heading (formatting marks removed), else fallback."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            m = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
            if m:
                text = re.sub(r"[*_`]", "", m.group(1))
                return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).strip()
    return fallback


def readme_title(readme: Path):
    """Returns the first non-empty line of a README.md without its heading marks, or None."""
    if not readme.is_file():
        return None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return re.sub(r"[*_`]", "", line.strip().lstrip("#").strip())
    return None


def fmt(value):
    """Formats a CSV number for people (four significant digits, integers as integers); text passes through."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return value or ""
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    a = abs(x)
    if a < 1e-3 or a >= 1e6:
        return f"{x:.3e}"
    decimals = max(0, 4 - (math.floor(math.log10(a)) + 1))
    s = f"{x:.{decimals}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


class Entry:
    """One executed notebook as found in the reports folder."""

    def __init__(self, out: Path, stem: Path):
        self.stem = stem  # relative to out, without suffix
        self.rel = stem.with_suffix(".ipynb")
        self.paper = stem.parts[0] if len(stem.parts) > 1 else ""
        run = read_json(out / f"{stem}.run.json")
        self.recorded = run is not None
        run = run or {}
        self.ok = bool(run.get("ok", False))
        self.seconds = run.get("seconds")
        self.error = run.get("error", "") if self.recorded else "no run record (<stem>.run.json) in this folder"
        self.profile = run.get("profile", "")
        self.title = run.get("title") or title_of(out / f"{stem}.ipynb", stem.name)
        self.stamp = read_json(out / f"{stem}.stamp.json") or {}
        self.rows = read_verdicts(out / f"{stem}.verdicts.csv")
        self.counts = None if self.rows is None else {k: sum(r["verdict"] == k for r in self.rows) for k in VERDICTS}
        self.has_html = (out / f"{stem}.html").is_file()


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_verdicts(path: Path):
    if not path.is_file():
        return None
    with open(path, newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r.get("check") is not None]


def title_of(ipynb: Path, fallback):
    nb = read_json(ipynb)
    return notebook_title(nb, fallback) if nb else fallback


def find_entries(out: Path):
    stems = set()
    for pattern in ("*.run.json", "*.ipynb", "*.verdicts.csv"):
        for f in out.rglob(pattern):
            if ".ipynb_checkpoints" in f.parts:
                continue
            rel = f.relative_to(out)
            stems.add(rel.with_name(rel.name[: -len(pattern) + 1]))
    return [Entry(out, s) for s in sorted(stems, key=lambda s: (len(s.parts) > 1, str(s)))]


def status_html(e: Entry):
    if not e.recorded:
        return '<span class="small">not recorded</span>'
    if not e.ok:
        return '<span class="failed">failed</span>'
    counts = e.counts or {}
    parts = [f"{counts[k]} {k}" for k in ("FAIL", "WARN") if counts.get(k)]
    css = "fail" if counts.get("FAIL") else "warn" if counts.get("WARN") else "ok"
    return f'<span class="{css}">{" · ".join(["ok"] + parts)}</span>'


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def link(href, text):
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def papers(entries, root: Path, out: Path):
    """Groups entries by paper folder; returns [(folder, heading, readme link or None, entries)]."""
    groups = {}
    for e in entries:
        groups.setdefault(e.paper, []).append(e)
    result = []
    for folder in sorted(groups, key=lambda p: (p != "", p)):
        heading, readme_link = (TOUR, None) if folder == "" else (folder, None)
        readme = root / folder / "README.md"
        if folder and readme.is_file():
            heading = readme_title(readme) or folder
            readme_link = render_readme(readme, out / folder)
        result.append((folder, heading, readme_link, groups[folder]))
    return result


def render_readme(readme: Path, target_dir: Path):
    """Writes the README next to the reports (as HTML when mistune is available); returns its path from out."""
    target_dir.mkdir(parents=True, exist_ok=True)
    text = readme.read_text(encoding="utf-8")
    try:
        import mistune
        body = mistune.html(text)
        page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>'
                f'{html.escape(readme_title(readme) or readme.parent.name)}</title><style>{STYLE}</style></head>'
                f'<body>{body}</body></html>\n')
        (target_dir / "README.html").write_text(page, encoding="utf-8")
        return f"{target_dir.name}/README.html"
    except ImportError:
        (target_dir / "README.md").write_text(text, encoding="utf-8")
        return f"{target_dir.name}/README.md"


def write_index(out: Path, groups, entries):
    sections = []
    for folder, heading, readme_link, members in groups:
        rows = []
        for e in members:
            name = link(f"{e.stem}.html", str(e.rel)) if e.has_html else html.escape(str(e.rel))
            ipynb = f' ({link(f"{e.stem}.ipynb", "ipynb")})'
            error = f'<div class="small">{html.escape(e.error)}</div>' if e.error else ""
            s = e.stamp
            stamp = " · ".join(html.escape(str(s.get(k, ""))) for k in ("commit", "jdk", "cores", "profile", "seed",
                                                                          "wall")) if s else ""
            counts = ", ".join(f"{e.counts[k]} {k}" for k in VERDICTS) if e.counts is not None else "–"
            seconds = f"{e.seconds:.1f} s" if isinstance(e.seconds, (int, float)) else "–"
            rows.append(f"<tr><td>{html.escape(e.title)}<div class=\"small\">{name}{ipynb}</div></td>"
                        f"<td><span class=\"nowrap\">{status_html(e)}</span>{error}</td>"
                        f"<td class=\"num\">{seconds}</td>"
                        f"<td class=\"nowrap\">{counts}</td>"
                        f'<td class="small">{stamp}</td></tr>')
        sub = (f'<p class="small">{html.escape(folder)} · {link(readme_link, "README (reproduction notes)")}</p>'
               if readme_link else "")
        sections.append(f"<h2>{html.escape(heading)}</h2>{sub}\n<table><thead><tr><th>notebook</th><th>status</th>"
                        "<th>wall time</th><th>verdicts</th><th>run stamp (commit · JDK · cores · profile · seed · "
                        f"wall)</th></tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table>")
    executed = sum(e.ok for e in entries)
    with_fail = sum(1 for e in entries if e.ok and e.counts and e.counts["FAIL"])
    totals = {k: sum(e.counts[k] for e in entries if e.counts) for k in VERDICTS}
    profiles = sorted({e.profile for e in entries if e.profile})
    with_fail_text = f", {with_fail} of them with FAIL rows" if with_fail else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>rrm reports</title><style>{STYLE}</style></head>
<body><h1>rrm notebook reports</h1>
<p>Generated {time.strftime('%Y-%m-%d %H:%M:%S')}{', profile ' + ', '.join(profiles) if profiles else ''}:
{executed} of {len(entries)} notebooks executed without error{with_fail_text}.
Claims checked: <span class="PASS">{totals['PASS']} PASS</span>, <span class="WARN">{totals['WARN']} WARN</span>,
<span class="FAIL">{totals['FAIL']} FAIL</span> — the {link('claims.html', 'claims ledger')} lists them all
({link('claims.csv', 'CSV')}).</p>
<div class="sections">
{chr(10).join(sections)}
</div>
</body></html>
"""
    (out / "index.html").write_text(page, encoding="utf-8")


def ledger_rows(groups):
    rows = []
    for folder, heading, _, members in groups:
        for e in members:
            for r in e.rows or []:
                rows.append({"paper": folder or "tour", "heading": heading, "notebook": str(e.rel),
                             "stem": str(e.stem), "has_html": e.has_html, "check": r.get("check", ""),
                             "paper_value": r.get("paper", ""), "ours": r.get("ours", ""),
                             "threshold": r.get("threshold", ""), "verdict": r.get("verdict", "")})
    return rows


LEDGER_JS = """
function filter() {
  var paper = document.getElementById('paper').value, verdict = document.getElementById('verdict').value;
  var shown = {PASS: 0, WARN: 0, FAIL: 0}, n = 0;
  document.querySelectorAll('#claims tbody tr').forEach(function (tr) {
    var on = (!paper || tr.dataset.paper === paper) && (!verdict || tr.dataset.verdict === verdict);
    tr.style.display = on ? '' : 'none';
    if (on) { n++; shown[tr.dataset.verdict] = (shown[tr.dataset.verdict] || 0) + 1; }
  });
  document.getElementById('shown').textContent = n + ' shown: ' + shown.PASS + ' PASS, ' + shown.WARN + ' WARN, '
      + shown.FAIL + ' FAIL';
}
document.getElementById('paper').addEventListener('change', filter);
document.getElementById('verdict').addEventListener('change', filter);
filter();
"""


def write_ledger(out: Path, rows, groups):
    with open(out / "claims.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(LEDGER_HEADER)
        for r in rows:
            w.writerow([r[k] for k in LEDGER_HEADER])
    totals = {k: sum(r["verdict"] == k for r in rows) for k in VERDICTS}
    per_paper = []
    for folder, heading, _, _ in groups:
        mine = [r for r in rows if r["paper"] == (folder or "tour")]
        if mine:
            counts = ", ".join(f"{sum(r['verdict'] == k for r in mine)} {k}" for k in VERDICTS)
            per_paper.append(f"<li>{html.escape(heading)}: {plural(len(mine), 'claim')} ({counts})</li>")
    options = "".join(f'<option value="{html.escape(folder or "tour")}">{html.escape(heading)}</option>'
                      for folder, heading, _, members in groups if any(m.rows for m in members))
    body = []
    for r in rows:
        nb = link(f"{r['stem']}.html", r["notebook"]) if r["has_html"] else html.escape(r["notebook"])
        v = html.escape(r["verdict"])
        body.append(f'<tr data-paper="{html.escape(r["paper"])}" data-verdict="{v}"><td>{html.escape(r["paper"])}</td>'
                    f'<td>{nb}</td><td>{html.escape(r["check"])}</td>'
                    f'<td class="num">{fmt(r["paper_value"]) or "–"}</td>'
                    f'<td class="num">{fmt(r["ours"])}</td><td>{html.escape(r["threshold"])}</td>'
                    f'<td class="{v}">{v}</td></tr>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>rrm claims ledger</title><style>{STYLE}</style></head>
<body><h1>Claims ledger: paper vs ours</h1>
<p class="totals"><b>{plural(len(rows), 'claim')}:</b> <span class="PASS">{totals['PASS']} PASS</span>
<span class="WARN">{totals['WARN']} WARN</span> <span class="FAIL">{totals['FAIL']} FAIL</span>
<span class="small">generated {time.strftime('%Y-%m-%d %H:%M:%S')} · {link('index.html', 'all reports')} ·
{link('claims.csv', 'CSV')}</span></p>
<ul>{''.join(per_paper)}</ul>
<p><label>paper <select id="paper"><option value="">all</option>{options}</select></label>
<label>verdict <select id="verdict"><option value="">all</option><option>PASS</option><option>WARN</option>
<option>FAIL</option></select></label> <span id="shown" class="small"></span></p>
<table id="claims"><thead><tr><th>paper</th><th>notebook</th><th>check</th><th>paper value</th><th>ours</th>
<th>threshold</th><th>verdict</th></tr></thead><tbody>
{chr(10).join(body)}
</tbody></table>
<script>{LEDGER_JS}</script>
</body></html>
"""
    (out / "claims.html").write_text(page, encoding="utf-8")


def write_reports(out: Path, root: Path = ROOT / "notebooks"):
    """Writes index.html, claims.html and claims.csv in out; returns (notebooks, claims)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    entries = find_entries(out)
    groups = papers(entries, Path(root), out)
    rows = ledger_rows(groups)
    write_index(out, groups, entries)
    write_ledger(out, rows, groups)
    return len(entries), len(rows)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path, help="the reports folder (the runner's --out)")
    p.add_argument("--root", type=Path, default=ROOT / "notebooks", help="the notebooks folder (for README.md)")
    args = p.parse_args()
    if not args.out.is_dir():
        print(f"report_index: {args.out} is not a folder", file=sys.stderr)
        return 2
    notebooks, claims = write_reports(args.out, args.root)
    print(f"reports: {plural(notebooks, 'notebook')}, {plural(claims, 'claim')} -> {args.out / 'index.html'}, "
          f"{args.out / 'claims.html'}, {args.out / 'claims.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
