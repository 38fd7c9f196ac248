"""What stands around every report and on the index: the header line, the footer, and the index's opening.

All of it in Dutch and from the data: the programme's name and audience from
``programme.yaml``, the sources by name with their dates, the reference tables
by publisher and date, the parameters in words, and the time in Dutch time.
"""

from __future__ import annotations

from markupsafe import Markup

from ..common.dutch import capitalise, count, date_text, listing, short_number
from .context import Report
from .prose import source_line

__all__ = ["colophon", "parameters_in_words", "size_text"]


def parameters_in_words(parameters: dict, report: Report) -> str:
    """The report parameters as Dutch a reader understands."""
    vocabulary = report.data.vocabulary
    roles = parameters.get("roles") or []
    parts = ["alle rollen tellen mee" if not roles else
             "alleen de rollen " + listing([vocabulary.label("role", r) for r in roles]) + " tellen mee"]
    weights = parameters.get("role_weights") or {}
    if weights:
        parts.append("eigen gewichten voor " + listing(f"{vocabulary.label('role', r)} ({short_number(w)})"
                                                       for r, w in weights.items()))
    parts.append("genoemde regio's tellen mee voor al hun gemeenten" if parameters.get("expand_regions") else
                 "genoemde regio's tellen niet mee voor hun gemeenten")
    as_of = parameters.get("as_of")
    parts.append(f"alleen bronnen tot en met {date_text(str(as_of))}" if as_of else "alle bronnen tellen mee")
    parts.append(f"gemeenten volgens de indeling van {parameters.get('year', report.data.year)}")
    if parameters.get("data_dir"):
        parts.append("gegevens uit een eigen map")
    return capitalise("; ".join(parts)) + "."


def _reference_line(report: Report) -> str:
    reference = report.data.reference
    sources = reference.sources.set_index("source_id")
    used = list(dict.fromkeys(["cbs-indeling", *reference.population_rows["source_id"]]))
    lines = [f"{sources.loc[i, 'publisher']}, {sources.loc[i, 'title']}" for i in used if i in sources.index]
    regions = reference.regions["source_id"].drop_duplicates()
    publishers = [sources.loc[i, "publisher"] for i in regions if i in sources.index]
    text = "; ".join(lines) + f" (inwoners: peildatum {date_text(reference.population_date)})"
    if publishers:
        text += f"; regio-indeling: {listing(list(dict.fromkeys(publishers)))}"
    return text + "."


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
         "; ".join(source_line(row) for _, row in sources.iterrows()) or "geen bronnen"),
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
