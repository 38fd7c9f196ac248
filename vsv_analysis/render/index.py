"""The index page of a run folder, built from its manifest."""

from __future__ import annotations

import html

from .notebooks import TEMPLATE_DIR
from .provenance import show_parameters, when

__all__ = ["index_page"]


def index_page(results: list[dict], folder_name: str, provenance: list) -> str:
    rows = []
    for r in results:
        status = "gereed" if r["status"] == "ok" else "mislukt"
        link = f'<a href="{html.escape(r["html_file"])}">{html.escape(r["title"])}</a>'
        parameters = show_parameters(r["parameters"])
        error = f'<br><span class="vsv-error">{html.escape(r["error"])}</span>' if r["error"] else ""
        seconds = f"{r['seconds']:.1f}".replace(".", ",")
        rows.append(f"<tr class=\"{r['status']}\"><td>{link}<br><span class=\"desc\">{html.escape(r['description'])}"
                    f"</span></td><td>{status}{error}</td><td>{html.escape(when(r['rendered_at']))}<br>"
                    f"{seconds} s</td><td>{html.escape(parameters)}</td></tr>")
    footer = "".join(f"<dt>{html.escape(a)}</dt><dd>{html.escape(b)}</dd>" for a, b in provenance)
    css = (TEMPLATE_DIR / "index.css").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Rapporten Versterken Sociale Veerkracht ({html.escape(folder_name)})</title>
<style>{css}</style>
</head>
<body>
<main>
<h1>Rapporten Versterken Sociale Veerkracht</h1>
<p>Analyse van de betrokkenheid van Brabantse gemeenten bij de initiatieven van het programma,
gemaakt op {html.escape(folder_name)}. Elk rapport is een los HTML-bestand dat ook zonder internet opent.</p>
<table>
<thead><tr><th>Rapport</th><th>Status</th><th>Gemaakt</th><th>Parameters</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer><h2>Verantwoording</h2><dl>{footer}</dl></footer>
</main>
</body>
</html>
"""
