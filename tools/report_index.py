"""Writes reports/index.html: one row per executed notebook with status, wall time, verdict line and run stamp."""
import html
import time
from pathlib import Path

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #d0d7de; padding: 4px 10px; text-align: left; }
th { background: #f6f8fa; } .ok { color: #1a7f37; font-weight: bold; } .failed { color: #cf222e; font-weight: bold; }
.num { text-align: right; } .small { font-size: smaller; color: #57606a; }
"""


def write_index(target: Path, results, profile):
    rows = []
    for r in results:
        stem = r.rel.with_suffix("")
        link = f'<a href="{html.escape(str(stem))}.html">{html.escape(str(r.rel))}</a>'
        nb_link = f' <span class="small">(<a href="{html.escape(str(stem))}.ipynb">ipynb</a>)</span>'
        status = '<span class="ok">ok</span>' if r.ok else '<span class="failed">failed</span>'
        error = f'<div class="small">{html.escape(r.error)}</div>' if r.error else ""
        s = r.stamp
        stamp = " · ".join(html.escape(str(s.get(k, ""))) for k in ("commit", "jdk", "cores", "profile", "seed", "wall")) if s else ""
        paper = r.rel.parts[0] if len(r.rel.parts) > 1 else "tour"
        rows.append(
            f"<tr><td>{html.escape(paper)}</td><td>{link}{nb_link}</td><td>{status}{error}</td>"
            f'<td class="num">{r.seconds:.1f} s</td><td>{html.escape(r.verdict_line()) or "–"}</td>'
            f'<td class="small">{stamp}</td></tr>')
    passed = sum(1 for r in results if r.ok)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>rrm reports</title><style>{STYLE}</style></head>
<body><h1>rrm notebook reports</h1>
<p>Profile <b>{html.escape(profile)}</b>, generated {time.strftime('%Y-%m-%d %H:%M:%S')}:
{passed} of {len(results)} notebooks executed without error.</p>
<table><thead><tr><th>paper</th><th>notebook</th><th>status</th><th>wall time</th><th>verdicts</th>
<th>run stamp (commit · JDK · cores · profile · seed · wall)</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
