"""What the evidence tables mean: the second stage, on top of :mod:`vsv_analysis.files` and the geography.

- :mod:`.vocabulary`: roles, party kinds and initiative kinds (data, extendable per data folder);
- :mod:`.roles`: checking roles and role weights against the vocabulary;
- :mod:`.programme`: ``programme.yaml``, what the reports call the programme;
- :mod:`.sources`: the source documents, their dates, the evidence as it stood on a date;
- :mod:`.documents`: the source documents themselves, when the data folder holds them;
- :mod:`.interpretations`: the reading choices made in recording the evidence;
- :mod:`.layout`: where each evidence file comes from (its CSV file, or a sheet of the workbook);
- :mod:`.specs`: the columns of each evidence file;
- :mod:`.links`: the evidence files checked against each other;
- :mod:`.mentions`: every municipality and region name resolved in the reference;
- :mod:`.dataset`: the checked, resolved :class:`~.dataset.Dataset` (:func:`~.dataset.load_dataset`);
- :mod:`.datafolder` (with :mod:`.guide`, its Dutch ``LEESMIJ.md``) and :mod:`.template` (with
  :mod:`.templatetexts`): a new, empty data folder, and the input workbook with drop-down lists.
"""
