"""What the report notebooks call: set-up, display helpers and computed headline findings.

Notebooks stay thin: they pass their parameters to :func:`setup`, call measures,
and show the results with :func:`show_table`, :func:`show_figure` and
:func:`say`. Every value that comes from data is HTML-escaped on the way out,
so a name typed as ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import HTML, display

from . import maps
from .centrality import centrality_table
from .coverage import concentration, count_year, coverage_table, municipalities_in
from .dataset import Dataset, load_dataset
from .dutch import KIND_NL, PARTY_KIND_NL, ROLE_NL, SCENARIO_NL, SIZE_CLASS_NL, date_text, number, percent
from .network import build_network, build_party_network
from .overlap import initiative_overlap, nestedness

__all__ = [
    "KIND_NL", "PARTY_KIND_NL", "ROLE_NL", "SCENARIO_NL", "SIZE_CLASS_NL", "Report", "component_count", "date_text",
    "dutch", "findings", "map_base", "node_values", "number", "party_table", "percent", "say", "setup",
    "show_figure", "show_list", "show_table", "summary_nl",
]


@dataclass
class Report:
    """The data and network one notebook works on, with the parameters that made them."""

    data: Dataset
    graph: nx.Graph
    parameters: dict = field(default_factory=dict)

    @property
    def division(self) -> str:
        """The geography in words, such as "gemeentelijke indeling 2026 (56 gemeenten)"."""
        return f"gemeentelijke indeling {self.data.year} ({len(self.data.reference.municipalities)} gemeenten)"


def setup(year: int, roles: list | None = None, role_weights: dict | None = None, expand_regions: bool = False,
          data_dir: str = "", **_unused) -> Report:
    """Load the data for the notebook's parameters and build the network."""
    data = load_dataset(data_dir or None, year)
    graph = build_network(data, roles=roles or None, weights=role_weights or None, expand_regions=expand_regions)
    parameters = {"year": year, "roles": roles or [], "role_weights": role_weights or {},
                  "expand_regions": expand_regions, "data_dir": data_dir}
    return Report(data, graph, parameters)


def dutch(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with Dutch label columns added for the coded columns it has.

    ``role`` → ``rol``, ``party_kind`` → ``soort_partij``, ``kind`` → ``soort``,
    ``scenario`` → ``lezing``, ``size_class`` → ``klasse``, ``is_indirect`` →
    ``hoe``; with ``municipality_name`` and ``region_name``, ``herleid_tot``
    (what the name resolved to).
    """
    frame = frame.copy()
    for column, label, words in (("role", "rol", ROLE_NL), ("party_kind", "soort_partij", PARTY_KIND_NL),
                                 ("kind", "soort", KIND_NL), ("scenario", "lezing", SCENARIO_NL),
                                 ("size_class", "klasse", SIZE_CLASS_NL)):
        if column in frame:
            frame[label] = frame[column].map(words).fillna(frame[column])
    if "themes" in frame:
        frame["themes"] = frame["themes"].str.replace("|", ", ", regex=False)
    if "is_indirect" in frame:
        frame["hoe"] = frame["is_indirect"].map({True: "via een regio", False: "bij naam"})
    if "municipality_name" in frame and "region_name" in frame:
        frame["herleid_tot"] = frame["municipality_name"].where(frame["municipality_name"] != "", frame["region_name"])
    return frame


def node_values(frame: pd.DataFrame, column: str, key: str = "node") -> dict:
    """``{node: value}`` from a table (such as the centrality table) for map colouring."""
    return dict(zip(frame[key], frame[column]))


def summary_nl(data: Dataset) -> str:
    """A one-sentence Dutch summary of the evidence (the Dutch twin of :meth:`Dataset.summary`)."""
    named = data.named_municipalities()
    counted = int(data.initiatives["reported_municipalities"].notna().sum())
    text = (f"Het memo beschrijft {len(data.initiatives)} initiatieven met {data.involvements['mention_id'].nunique()} "
            f"vermeldingen van partijen. Het noemt {len(named)} van de {len(data.reference.municipalities)} "
            f"gemeenten bij naam (indeling {data.year}); bij {counted} initiatieven staat alleen een aantal.")
    unresolved = sorted(set(data.unresolved()["name_as_written"]))
    if unresolved:
        text += f" Niet te herleiden: {_names(unresolved)}."
    return text


def component_count(G: nx.Graph) -> int:
    """Number of separate parts (connected components) of the network."""
    return nx.number_connected_components(G)


def party_table(data: Dataset) -> pd.DataFrame:
    """The other parties (not municipalities), with their kind and the initiatives that name them."""
    P = build_party_network(data)
    rows = [{"party": d["name"], "party_kind": d["party_kind"],
             "initiatives": "; ".join(sorted(P.nodes[i]["name"] for i in P[n]))}
            for n, d in P.nodes(data=True) if d["node_kind"] == "party"]
    return dutch(pd.DataFrame(rows).sort_values(["party_kind", "party"], ignore_index=True))


def map_base(report: Report, map_mode: str = "auto", boundaries_file: str = "") -> maps.MapBase:
    """The base map for this report's year (see :func:`vsv_analysis.maps.choose_map`), and say which it is."""
    base = maps.choose_map(report.data.reference, map_mode, boundaries_file)
    say("{note}", note=base.note)
    return base


def _display(markup: str) -> None:
    display(HTML(markup))


def say(template: str, **values) -> None:
    """Show one paragraph; ``values`` are escaped and filled into ``template`` (``{name}``)."""
    _display("<p>" + template.format(**{k: html.escape(str(v)) for k, v in values.items()}) + "</p>")


def show_list(items: list[str]) -> None:
    """Show a bulleted list of plain-text items (escaped)."""
    _display("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>")


SOURCE_CAPTION = "Bron: memo over de betrokkenheid van gemeenten bij Versterken Sociale Veerkracht (2021); CBS."


def show_figure(fig: plt.Figure, alt: str, caption: str = SOURCE_CAPTION) -> None:
    """Show a figure as an embedded SVG image with alternative text, then close it.

    SVG keeps text as text (sharp at any zoom, small files) and, inside an
    ``<img>``, can run no script; the data URI keeps the report one file.
    """
    buffer = io.BytesIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vsv"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})  # figures use tight_layout: one draw, not two
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    caption_markup = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    _display(f'<figure class="vsv-figure"><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'
             f"{caption_markup}</figure>")


def table_html(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None) -> str:
    """An escaped HTML table of ``columns`` (name → Dutch heading); numbers the Dutch way."""
    decimals = decimals or {}
    heads, body = [], []
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in columns}
    for column, heading in columns.items():
        heads.append(f'<th class="{"num" if numeric[column] else ""}">{html.escape(heading)}</th>')
    for row in frame[list(columns)].itertuples(index=False):
        cells = []
        for column, value in zip(columns, row):
            if isinstance(value, bool):
                text = "ja" if value else "nee"
            elif value is None or value is pd.NA or (isinstance(value, float) and value != value):
                text = ""
            elif numeric[column]:
                text = number(value, decimals.get(column, 0))
            else:
                text = str(value)
            cells.append(f'<td class="{"num" if numeric[column] else ""}">{html.escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="vsv-table"><thead><tr>{"".join(heads)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def show_table(frame: pd.DataFrame, columns: dict[str, str], decimals: dict[str, int] | None = None) -> None:
    """Show ``frame`` as a table with Dutch headings (see :func:`table_html`)."""
    _display(table_html(frame, columns, decimals))


def _names(names: list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def findings(report: Report, null_models: int = 199, seed: int = 42,
             coverage: pd.DataFrame | None = None) -> list[str]:
    """The headline findings for the Provinciale Staten, each one computed, in Dutch.

    Pass ``coverage`` (from :func:`vsv_analysis.coverage.coverage_table`) if the
    notebook has it already, to save computing it twice.
    """
    data, graph = report.data, report.graph
    total = len(data.reference.municipalities)
    coverage = (coverage_table(data) if coverage is None else coverage).set_index(["scenario", "scope"])
    named = coverage.loc[("named", "Noord-Brabant")]
    active = coverage.loc[("named_active", "Noord-Brabant")]
    regions = coverage.loc[("named_and_regions", "Noord-Brabant")]
    low, high = coverage.loc[("counts_lower", "Noord-Brabant")], coverage.loc[("counts_upper", "Noord-Brabant")]
    lines = [
        f"Het memo noemt {named['reached']} van de {total} Brabantse gemeenten bij naam "
        f"({percent(named['share_pct'])}). Daar woont {percent(named['population_share_pct'])} van de inwoners "
        f"(peildatum {date_text(named['population_date'])}): vooral grote gemeenten doen mee.",
    ]
    table = centrality_table(graph)
    municipalities = table[(table["node_kind"] == "municipality") & table["is_resolved"]]
    top_degree = municipalities["degree"].max() if len(municipalities) else 0
    if top_degree > 1:
        leaders = municipalities[municipalities["degree"] >= 3] if top_degree >= 3 else \
            municipalities[municipalities["degree"] == top_degree]
        parts = [f"{row.name} ({row.degree})" for row in leaders.itertuples()]
        lines.append(f"De meest betrokken gemeenten zijn {_names(parts)} (tussen haakjes het aantal initiatieven). "
                     f"Via hen hangen de meeste initiatieven met elkaar samen.")
    lines.append(f"Zonder toehoorders, verkenners en gemeenten die alleen een verzoek deden, blijven "
                 f"{active['reached']} gemeenten over ({percent(active['share_pct'])}).")
    if regions["reached"] != named["reached"]:
        lines.append(f"Tellen de genoemde regio's mee voor al hun leden, ook een regio die alleen een verzoek deed, "
                     f"dan reikt het programma tot {regions['reached']} gemeenten ({percent(regions['share_pct'])}). "
                     f"Dat is een bovengrens: het memo zegt niet welke gemeenten in die regio's meedoen.")
    counted = data.initiatives.dropna(subset=["reported_municipalities"])
    if len(counted):
        counts = _names([f"{int(r.reported_municipalities)} bij {r.initiative_name}" for r in counted.itertuples()])
        year = count_year(data, counted["source_id"].iloc[0])
        then = municipalities_in(data, year)
        lines.append(f"Het memo noemt ook aantallen gemeenten zonder namen ({counts}), geteld in {year}, toen "
                     f"Brabant {then} gemeenten had. Tellen die mee, dan horen tussen {low['reached']} en "
                     f"{high['reached']} van de {total} gemeenten bij een initiatief of netwerk dat VSV steunt "
                     f"({percent(low['share_pct'], 0)} tot {percent(high['share_pct'], 0)}). Welke gemeenten dat "
                     f"zijn, zegt het memo niet.")
    pairs = initiative_overlap(graph)
    if len(pairs):
        best = pairs.iloc[0]
        lines.append(f"De grootste overlap is tussen {best['name_a']} en {best['name_b']}: van de {best['union']} "
                     f"gemeenten die bij minstens één van beide horen, doen er {best['shared']} aan allebei mee.")
    nested = nestedness(graph, null_models=null_models, seed=seed).iloc[0]
    if nested["p_value"] < 0.05:
        verdict = "vaker dan je bij toeval zou verwachten naar gemeenten die de grote initiatieven al bereiken"
    else:
        verdict = "niet vaker dan je bij toeval zou verwachten naar dezelfde gemeenten als de grote initiatieven"
    lines.append(f"Kleine initiatieven gaan {verdict} (zie het rapport over overlap).")
    spread = concentration(data, top=3).iloc[0]
    lines.append(f"De drie meest betrokken gemeenten ({spread['top_names'].replace('; ', ', ')}) hebben samen "
                 f"{percent(spread['top_share_pct'], 0)} van alle vermeldingen bij initiatieven. De "
                 f"Gini-coëfficiënt over alle {total} gemeenten is {number(spread['gini'], 2)} "
                 f"(0 = iedere gemeente even vaak, 1 = één gemeente heeft alles).")
    empty = [graph.nodes[n]["name"] for n in graph if graph.nodes[n]["bipartite"] == 0 and graph.degree(n) == 0]
    if empty:
        lines.append(f"Bij {len(empty)} van de {len(data.initiatives)} onderdelen noemt het memo geen gemeente bij "
                     f"naam: {_names(sorted(empty))}.")
    unresolved = sorted(set(data.unresolved()["name_as_written"]))
    if unresolved:
        lines.append(f"Niet te herleiden tot een gemeente of regio: {_names(unresolved)}. Deze namen staan in de "
                     f"gegevens met een markering en tellen nergens als bereikte gemeente.")
    return lines
