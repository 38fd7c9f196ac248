"""The reference geography: municipalities, mergers, regions, names and aliases, population, boundaries.

- :mod:`.referencefiles`: the reference tables, read and checked once;
- :mod:`.reference`: the :class:`~.reference.Reference` of one geography year (:func:`~.reference.load_reference`);
- :mod:`.resolve`: resolving a name as written (any year, alias, misspelling) onto it;
- :mod:`.checks`: checking that the reference tables agree with each other;
- :mod:`.tiles`: the tile layout, one square per municipality;
- :mod:`.boundaries`: real municipal boundaries from GeoJSON, and fetching them from PDOK;
- :mod:`.cbs`: fetching the year's division and population from CBS open data;
- :mod:`.cache`: the user cache those downloads fill, and reading it.

The reference only reads the cache; the downloads are run by the command line.
"""
