"""The Dutch guide in a new data folder, ``LEESMIJ.md``: everything an evaluator needs, in the folder itself.

An evaluator who installed the package has no checkout, so the guide points at no file of the project: it
gives the format of each file (every column, from the same Dutch help texts as the input workbook's comments,
:mod:`.templatetexts`), the values the coded columns take (from the vocabulary in force), what a cell may look
like, and how to make a workbook, validate and render. Paths are relative: the commands name the folder by its
own name, to be typed in the folder that holds it.

Examples
--------
>>> text = leesmij("mijn programma")
>>> text.splitlines()[0], "vsv-analysis validate --data-dir \\"mijn programma\\"" in text
('# Gegevensmap voor vsv-analysis', True)
>>> shell_word("buurtkracht"), shell_word("mijn programma"), shell_word("it's")
('buurtkracht', '"mijn programma"', '"it\\'s"')
"""

from __future__ import annotations

import re
import shlex

from ..files.csvfiles import TableSpec
from .layout import EVIDENCE_FILES, empty_columns, sheet_name
from .specs import evidence_specs
from .templatetexts import COLUMN_HELP_NL, VOCABULARY_HEADERS_NL
from .vocabulary import Vocabulary, default_vocabulary

__all__ = ["PROGRAMME_KEYS_NL", "leesmij", "shell_word"]

PROGRAMME_KEYS_NL = {
    "name": "verplicht: de volledige naam van het programma, zoals de rapporten hem noemen",
    "short_name": "niet verplicht: de afkorting, in de legenda's van figuren",
    "owner": "niet verplicht: wie het programma uitvoert",
    "commissioned_by": "niet verplicht: wie om de evaluatie vroeg",
    "audience": "niet verplicht: voor wie de rapporten zijn (bijvoorbeeld: leden van Provinciale Staten)",
}
"""What each key of ``programme.yaml`` holds, in Dutch."""

_FILES_NL = {
    "sources.csv": "één regel per document (memo, jaarverslag, besluit) waaruit het bewijs komt",
    "initiatives.csv": "één regel per initiatief",
    "involvements.csv": "één regel per keer dat een document een partij bij een initiatief noemt",
    "interpretations.csv": "niet verplicht: de keuzes die u maakte bij het lezen, en waarom",
}
_PLAIN_WORD = re.compile(r"[A-Za-z0-9._/-]+")


def shell_word(name: str) -> str:
    """``name`` as one word on a command line: as it is, or in double quotes (which every shell reads alike)."""
    if _PLAIN_WORD.fullmatch(name):
        return name
    return f'"{name}"' if not re.search(r'["$`\\!]', name) else shlex.quote(name)


def leesmij(folder_name: str, vocabulary: Vocabulary | None = None) -> str:
    """The text of ``LEESMIJ.md`` for a data folder called ``folder_name`` (its name, not its path)."""
    vocabulary = vocabulary or default_vocabulary()
    specs = evidence_specs(vocabulary)
    folder = shell_word(folder_name)
    parts = [_opening(folder_name), _files_table(), _programme(),
             *(_file_columns(name, specs[name]) for name in EVIDENCE_FILES),
             _vocabularies(vocabulary), _cells(), _commands(folder)]
    return "\n".join(parts)


def _opening(folder_name: str) -> str:
    return f"""# Gegevensmap voor vsv-analysis

In deze map legt u het bewijs over één programma vast: welke initiatieven er zijn, welke
gemeenten, regio's en organisaties erbij betrokken zijn, en uit welke documenten dat blijkt.
Alles wat u nodig hebt om de map te vullen, te controleren en er rapporten van te maken, staat
in dit bestand.

De opdrachten hieronder typt u in een opdrachtvenster (terminal) dat geopend is in de map
**waarin deze map staat**; ze noemen deze map bij haar naam, `{folder_name}`. Geeft u de map een
andere naam, gebruik dan die naam.
"""


def _files_table() -> str:
    rows = [f"| `{name}` | {_FILES_NL[name]} |" for name in EVIDENCE_FILES]
    return "\n".join([
        "## Wat u invult", "",
        "| bestand | wat erin komt |", "|---|---|",
        "| `programme.yaml` | de naam van het programma en voor wie de rapporten zijn; `name` is verplicht |",
        *rows,
        "| `vocabularies/` | niet verplicht: eigen rollen en soorten (zie `vocabularies/README.md`) |", "",
        "De eerste regel van elk CSV-bestand noemt de kolommen, in het Engels; laat die regel staan. De",
        "volgorde van de kolommen maakt niet uit. Hieronder staat per bestand wat in elke kolom hoort. In de",
        "Excel-werkmap (zie *Liever één Excel-werkmap*) heeft elk bestand een blad met dezelfde naam, zonder",
        "`.csv`; daarom spreekt de uitleg soms van een blad.", ""])


def _programme() -> str:
    rows = [f"- `{key}`: {text}" for key, text in PROGRAMME_KEYS_NL.items()]
    return "\n".join(["## `programme.yaml`", "",
                      "Eén regel per gegeven: de naam, een dubbele punt, dan de waarde, in het Nederlands zoals de",
                      "rapporten hem tonen (`name: Buurtkracht`).", "", *rows, ""])


def _file_columns(name: str, spec: TableSpec) -> str:
    required = {column.name: column.required for column in spec.columns}
    rows = []
    for column in empty_columns(name, spec):
        status = "verplicht" if required.get(column, False) else "niet verplicht"
        help_text = COLUMN_HELP_NL[(sheet_name(name), column)].replace("|", "\\|")  # a | would end the cell
        rows.append(f"| `{column}` | {status} | {help_text} |")
    return "\n".join([f"## `{name}`", "", "| kolom | nodig | wat erin hoort |", "|---|---|---|", *rows, ""])


def _vocabularies(vocabulary: Vocabulary) -> str:
    lines = ["## Vaste waarden", "",
             "In de kolommen `kind`, `party_kind`, `role` en `reported_municipalities_role` staat een waarde uit",
             "deze lijsten: de code (zoals `participant`) of het Nederlandse woord (`deelnemer`); validate zet",
             "het woord om in de code. Eigen waarden voegt u toe in `vocabularies/` (zie de README daar).", ""]
    for column, title in VOCABULARY_HEADERS_NL.items():
        values = "; ".join(f"`{value}` ({label})" for value, label in vocabulary.labels(column).items())
        lines += [f"- {title} (`{column}`): {values}."]
    return "\n".join([*lines, ""])


def _cells() -> str:
    return """## Hoe een cel eruit mag zien

- **Opslaan**: als CSV (UTF-8), met puntkomma's of komma's tussen de waarden; Excel met Nederlandse
  instellingen opent de bestanden meteen in kolommen. Niet als "ANSI" of "Unicode-tekst".
- **Datums**: `2019-01-01` of `1-1-2019`, zoals Excel ze terugschrijft; waar een jaar genoeg is ook
  alleen het jaar (`2021`), bij een document ook een maand (`2021-03`).
- **Ja of nee**: `ja` of `nee` (ook `yes`/`no`, `waar`/`onwaar`, `1`/`0`), of leeg voor nee.
- **Namen**: precies zoals het document ze schrijft. Validate zoekt gemeenten en regio's op, ook onder
  oude namen en varianten; een naam die het niet vindt, noemt het, met de namen die erop lijken.
- **Aantallen**: een heel getal, zonder punt of komma.
"""


def _commands(folder: str) -> str:
    return f"""## Liever één Excel-werkmap

    vsv-analysis template --data-dir {folder} --output invoer.xlsx

maakt een werkmap `invoer.xlsx` (naast deze map) met een blad per bestand, bij elke kolom een
opmerking met uitleg, en keuzelijsten in het Nederlands voor soorten, rollen en de namen van
gemeenten en regio's. Met `--with-data` staat het bewijs dat er al is erin, om te bewerken. Zet
de ingevulde werkmap in deze map **in plaats van** de CSV-bestanden: haal dan `initiatives.csv`,
`involvements.csv`, `sources.csv` en `interpretations.csv` weg. Een map met allebei wordt geweigerd.

## Controleren

    vsv-analysis validate --data-dir {folder}

noemt elk probleem met het bestand (en het blad), de rij, de kolom en de waarde, en zo mogelijk wat
u waarschijnlijk bedoelde. Zolang `name` in `programme.yaml` leeg is, meldt validate dat; een
bestand zonder regels geeft een waarschuwing.

## Rapporten maken

    vsv-analysis render -p data_dir {folder} --output-dir rapporten

schrijft de rapporten in de map `rapporten` (naast deze map): `rapporten/latest/index.html` opent
ze, met de datum van vandaag. Deze map zelf verandert daarbij niet: vsv-analysis schrijft nooit in
een gegevensmap.
"""
