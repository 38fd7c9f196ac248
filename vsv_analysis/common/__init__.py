"""What every stage uses, and which imports nothing of the package: the bottom of the house.

- :mod:`.errors`: the one error type for bad input (:class:`~.errors.DataError`) and the problems it carries;
- :mod:`.locations`: where the built-in data, notebooks, templates and vocabularies are;
- :mod:`.atomic`: writing a file under a temporary name and renaming it;
- :mod:`.names`: the key a written name is looked up under, Dutch sort order, near-misses;
- :mod:`.dutch`: Dutch words, numbers and dates as the reports write them;
- :mod:`.palette`: the network's colours and marker sizes, shared by the figures and the graph files.

Import the module you need: ``from vsv_analysis.common.errors import DataError``.
"""
