"""Files to checked tables, and tables back to files: the first stage.

- :mod:`.textfiles`: opening one input file safely and decoding it (inside the data folder, a regular file,
  readable, text, UTF-8);
- :mod:`.csvrecords`: splitting CSV text into records with their spreadsheet rows and file lines;
- :mod:`.csvfiles`: reading a CSV file the way Excel writes it, checked against a schema
  (:class:`~.csvfiles.TableSpec`);
- :mod:`.workbook`: the same tables from the sheets of an Excel workbook;
- :mod:`.spreadsheet`: writing CSV (two dialects) and XLSX for spreadsheets, with no formula injection.

Nothing here knows what the tables mean: that is :mod:`vsv_analysis.evidence` and
:mod:`vsv_analysis.geography`.
"""
