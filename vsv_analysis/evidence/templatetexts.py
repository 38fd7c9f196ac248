"""The Dutch texts of the input workbook (:mod:`vsv_analysis.evidence.template`).

What goes in each column, for the header comments, and the messages of the drop-down lists. They
are for the evaluator who fills the workbook in Excel, so they are Dutch, as the reports are; the
column names stay the English names of the CSV files.
"""

__all__ = ["COLUMN_HELP_NL", "EXTRA_COLUMN_NL", "LIST_ERROR_NL", "NAME_PROMPT_NL", "VOCABULARY_HEADERS_NL"]

COLUMN_HELP_NL = {
    ("initiatives", "initiative_id"): "Korte, unieke code van het initiatief: letters, cijfers, _ - of . "
                                      "(bijvoorbeeld vitaal_buitengebied). Het blad involvements verwijst ernaar.",
    ("initiatives", "initiative_name"): "Naam van het initiatief, zoals de rapporten hem noemen.",
    ("initiatives", "kind"): "Soort initiatief; kies uit de lijst.",
    ("initiatives", "source_id"): "Het document waaruit het initiatief komt: een source_id van het blad sources.",
    ("initiatives", "source_section"): "Nummer van het onderdeel in het document (bijvoorbeeld 1 of 3.2).",
    ("initiatives", "themes"): "Thema's die het document noemt, gescheiden door | (bijvoorbeeld Energie|Water).",
    ("initiatives", "reported_municipalities"): "Aantal gemeenten dat het document noemt zonder ze bij naam te "
                                                "noemen, als heel getal. Leeg als het document geen aantal geeft.",
    ("initiatives", "reported_municipalities_role"): "De rol van die gemeenten: verplicht als er een aantal staat, "
                                                     "anders leeg. Kies uit de lijst.",
    ("initiatives", "description"): "Wat het initiatief is, in eigen woorden, in het Nederlands; "
                                    "deze tekst staat in de rapporten.",
    ("initiatives", "source_heading"): "De kop van het onderdeel, zoals het document hem schrijft.",
    ("initiatives", "period"): "Wanneer het initiatief liep, voor zover het document dat zegt.",
    ("involvements", "mention_id"): "Korte, unieke code van deze vermelding (bijvoorbeeld M01).",
    ("involvements", "initiative_id"): "Het initiatief: een initiative_id van het blad initiatives.",
    ("involvements", "source_id"): "Het document van deze vermelding, als dat een ander is dan dat van het "
                                   "initiatief: een source_id van het blad sources. Leeg: het document van het "
                                   "initiatief.",
    ("involvements", "name_as_written"): "De naam van de partij precies zoals het document hem schrijft. De lijst "
                                         "helpt bij gemeenten en regio's, maar elke schrijfwijze mag: oude namen en "
                                         "varianten zoekt validate op in de referentie. Excel laat een apostrof aan "
                                         "het begin weg: kies 's-Hertogenbosch uit de lijst, of typ "
                                         "''s-Hertogenbosch.",
    ("involvements", "party_kind"): "Soort partij; kies uit de lijst. Gemeenten en regio's worden opgezocht in de "
                                    "referentie.",
    ("involvements", "role"): "De rol van de partij in het initiatief; kies uit de lijst.",
    ("involvements", "expand_to_members"): "Alleen bij een regio: ja als de vermelding, bij uitbreiding naar leden, "
                                           "telt voor elke gemeente van de regio; nee of leeg als niet. Leeg bij "
                                           "andere partijen.",
    ("involvements", "event_date"): "Een datum die het document bij deze vermelding geeft: een jaar (2021) of een "
                                    "datum (2022-01-01 of 1-1-2022).",
    ("involvements", "note"): "Toelichting of interpretatie, in eigen woorden.",
    ("sources", "source_id"): "Korte, unieke code van het document (bijvoorbeeld memo-2021).",
    ("sources", "title"): "Titel van het document, zoals de rapporten het noemen.",
    ("sources", "referred_to_as"): "Hoe een zin in de rapporten naar het document verwijst (bijvoorbeeld het memo).",
    ("sources", "author"): "Wie het document schreef.",
    ("sources", "date"): "Datum van het document: een jaar (2021), een maand (2021-03) of een dag (2021-03-15). "
                         "Leeg als het document geen datum heeft.",
    ("sources", "date_is_inferred"): "ja als de datum is afgeleid en niet in het document zelf staat; anders nee of "
                                     "leeg.",
    ("sources", "date_basis"): "Hoe een afgeleide datum is afgeleid, in het Nederlands.",
    ("sources", "note"): "Opmerking over het document.",
    ("sources", "file"): ("Het document zelf, als het in deze gegevensmap staat: het pad vanaf de map, zoals "
                          "bronnen/memo.pdf. De samenvatting verwijst ernaar. Leeg als het er niet is."),
    ("interpretations", "interpretation_id"): "Korte, unieke code van de leeskeuze.",
    ("interpretations", "is_uncertain"): ("ja als de bron hier iets open laat (de samenvatting noemt het onder 'Wat "
                                          "is onzeker?'); nee of leeg als het een keuze bij het lezen is."),
    ("interpretations", "topic"): "Onderwerp van de keuze, kort, in het Nederlands (staat in de rapporten).",
    ("interpretations", "explanation"): "De keuze en waarom, in het Nederlands (staat in de rapporten).",
    ("interpretations", "mention_ids"): "De vermeldingen (mention_id) waarover de keuze gaat, gescheiden door ;.",
    ("interpretations", "initiative_id"): "Het initiatief waarover de keuze gaat, of leeg.",
}
"""What goes in each column, in Dutch, for the header comments (``Verplicht.`` or ``Niet verplicht.`` is added)."""

EXTRA_COLUMN_NL = "Een eigen kolom: wordt bewaard, maar niet gecontroleerd."
LIST_ERROR_NL = ("Kies een waarde uit de lijst. Een nieuwe waarde voegt u toe in {file} in de map vocabularies "
                 "van de gegevensmap; maak daarna een nieuw sjabloon met vsv-analysis template.")
NAME_PROMPT_NL = ("Kies een gemeente of regio, of typ de naam precies zoals het document hem schrijft; "
                  "elke schrijfwijze mag.")
VOCABULARY_HEADERS_NL = {"kind": "soort initiatief", "party_kind": "soort partij", "role": "rol"}
"""What each vocabulary is called, over its drop-down list and in the data folder's guide."""
