"""What stands around every report and on the index: the header line, the footer, and the index's opening.

All of it in Dutch and from the data: the programme's name and audience from
``programme.yaml``, the sources by name with their dates, the reference tables
by publisher and date, the parameters in words, and the time in Dutch time.
"""

from __future__ import annotations

from markupsafe import Markup

from ..common.dutch import count, date_text, listing, short_number
from .context import Report
from .prose import source_line

__all__ = ["colophon", "parameters_in_words", "size_text"]


ANALYSIS_WORDS = {
    "seed": lambda v: f"Startgetal voor het toeval: {v}.",
    "null_models": lambda v: f"De toets op genestheid vergelijkt met {v} toevalsnetwerken.",
    "nodf_empty": lambda v: ("Bij de genestheid tellen initiatieven zonder gemeenten mee." if v == "vegan" else
                             "Bij de genestheid tellen initiatieven zonder gemeenten niet mee."),
    "alpha": lambda v: f"Een paar gemeenten valt op bij een kans op toeval van hoogstens {short_number(100 * v)}%.",
    "multiple_testing": lambda v: ("Correctie voor veel toetsen: Bonferroni." if v == "bonferroni" else
                                   "Correctie voor veel toetsen: Benjamini-Hochberg."),
    "closeness": lambda v: ("Nabijheid is geschaald op het hele netwerk." if v == "networkx" else
                            "Nabijheid is geschaald op het eigen deel van het netwerk."),
    "map_mode": lambda v: {"tiles": "De kaarten tonen elke gemeente als een vak.",
                           "boundaries": "De kaarten tonen de echte gemeentegrenzen."}.get(v, ""),
    "boundaries_file": lambda v: "De gemeentegrenzen komen uit een eigen bestand." if v else "",
}
"""The analysis settings in words, for a value that differs from the default (the others are "standaard")."""


def parameters_in_words(parameters: dict, report: Report) -> str:
    """The report parameters as short Dutch sentences a reader understands; analysis settings only where they
    differ from the defaults."""
    from ..jupyter.parameters import load_defaults

    vocabulary = report.data.vocabulary
    roles = parameters.get("roles") or []
    labels = listing([vocabulary.label("role", r) for r in roles])
    parts = ["Alle rollen tellen mee." if not roles else
             f"Alleen de rol {labels} telt mee." if len(roles) == 1 else f"Alleen de rollen {labels} tellen mee."]
    weights = parameters.get("role_weights") or {}
    if weights:
        parts.append("Eigen gewichten: " + listing(f"{vocabulary.label('role', r)} telt {short_number(w)}"
                                                   for r, w in weights.items()) + ".")
    parts.append("Een genoemde regio telt mee voor al haar gemeenten." if parameters.get("expand_regions") else
                 "Een genoemde regio telt niet mee voor haar gemeenten.")
    as_of = parameters.get("as_of")
    parts.append(f"Alleen bronnen tot en met {date_text(str(as_of))} tellen mee." if as_of else
                 "Alle bronnen tellen mee.")
    parts.append(f"Gemeenten volgens de indeling van {parameters.get('year', report.data.year)}.")
    if parameters.get("data_dir"):
        parts.append("De gegevens komen uit een eigen map.")
    defaults = load_defaults()
    changed = [ANALYSIS_WORDS[name](value) for name, value in parameters.items()
               if name in ANALYSIS_WORDS and name in defaults and value != defaults[name]]
    changed = [sentence for sentence in changed if sentence]
    parts += changed
    parts.append("Verder is alles standaard.")
    return " ".join(parts)


def _reference_line(report: Report) -> str:
    """Where the municipalities, the residents and the regions come from, a short sentence each."""
    reference = report.data.reference
    sources = reference.sources.set_index("source_id")

    def cited(ids) -> list[str]:
        return list(dict.fromkeys(f"{sources.loc[i, 'publisher']}, {sources.loc[i, 'title']}" for i in ids
                                  if i in sources.index))

    division = cited(["cbs-indeling"])
    population = cited(reference.population_rows["source_id"].drop_duplicates())
    publishers = list(dict.fromkeys(sources.loc[i, "publisher"] for i in reference.regions["source_id"]
                                    .drop_duplicates() if i in sources.index))
    lines = [f"Gemeenten: {'; '.join(division)}." if division else "",
             f"Inwoners: {'; '.join(population)}, peildatum {date_text(reference.population_date)}."
             if population else f"Inwoners: peildatum {date_text(reference.population_date)}.",
             f"Regio's: {listing(publishers)}." if publishers else ""]
    return " ".join(line for line in lines if line)


def colophon(report: Report, parameters: dict) -> dict:
    """The header line, index title and introduction, the reader's footer lines and the programme's name (for the
    pages' titles), for one run.

    The introduction is :class:`~markupsafe.Markup`; everything else is text.
    """
    programme = report.data.programme
    name = programme.name + (f" ({programme.short_name})" if programme.short_name else "")
    header = name + (f" · voor {programme.audience}" if programme.audience else "")
    sources = report.data.used_sources
    footer = [
        ("Bronnen" if len(sources) != 1 else "Bron",
         " ".join(source_line(row) for _, row in sources.iterrows()) or "Geen bronnen."),
        ("Referentiegegevens", _reference_line(report)),
        ("Instellingen", parameters_in_words(parameters, report)),
    ]
    if programme.commissioned_by:
        footer.insert(0, ("Opdrachtgever", f"De evaluatie is gedaan in opdracht van {programme.commissioned_by}."))
    intro = Markup("Rapporten over de betrokkenheid van gemeenten in {} bij de initiatieven van {}").format(
        report.area, name)
    intro += Markup(", geschreven voor {}.").format(programme.audience) if programme.audience else Markup(".")
    return {"header": header, "title": f"Rapporten {programme.name}", "intro": intro, "footer": footer,
            "size": size_text(report), "programme": programme.name}


def size_text(report: Report) -> str:
    """How large the evidence is, in Dutch: "9.000 initiatieven, 49.972 vermeldingen en 56 gemeenten"."""
    data = report.data
    return listing([count(len(data.initiatives), "initiatief", "initiatieven"),
                    count(data.involvements["mention_id"].nunique(), "vermelding", "vermeldingen"),
                    count(len(data.named_municipalities()), "genoemde gemeente", "genoemde gemeenten")])
