"""What a report rests on, as digests: the key that decides whether a report must be made again.

A report's key is a SHA-256 over these parts, each itself a digest:

- ``notebook``: the notebook file;
- ``parameters``: the values of the parameters its code reads, ``with_code``, and,
  for ``changes_file``, the *content* of the run's ``changes.json`` (its path
  differs per run);
- ``evidence``: every file at the top of the data folder (CSV or workbook,
  ``programme.yaml``, ``interpretations.csv``), its ``vocabularies/`` and its
  ``reference/`` (the built-in reference when it has none), the source documents
  that ``sources.csv`` names in its column ``file``, and the CBS figures in the
  user cache (``<cache>/cbs/``), which the reference reads;
- ``boundaries`` (only for notebooks whose code reads ``map_mode`` or
  ``boundaries_file``): the ``boundaries_file`` given, else the boundary files
  in the user cache;
- ``code``: every file of the package (code, templates, vocabularies);
- ``libraries``: the versions of Python and of the libraries that shape the output.

Only standard-library modules here: a render that finds nothing changed never
needs to load the data.

Examples
--------
>>> parts = {"notebook": "a", "parameters": "b"}
>>> key_of(parts) == key_of(dict(reversed(parts.items())))
True
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..common.locations import PACKAGE_DIR, default_data_dir, reference_dir
from ..evidence.documents import document_path, listed_documents
from ..geography.cache import cache_dir
from .notebooks import names_used

__all__ = ["LIBRARIES", "MAP_PARAMETERS", "RunInputs", "code_digest", "evidence_digest", "files_digest", "key_of",
           "library_versions"]

LIBRARIES = ("bleach", "beautifulsoup4", "ipykernel", "ipython", "jinja2", "jupyterlab_pygments", "matplotlib",
             "mistune", "nbclient", "nbconvert", "nbformat", "networkx", "numpy", "openpyxl", "pandas", "papermill",
             "pillow", "pygments", "pyparsing", "pyyaml", "scipy", "traitlets")
"""Distributions whose version can change what a report shows (numbers, figures, HTML)."""
MAP_PARAMETERS = ("map_mode", "boundaries_file")
"""A notebook whose code reads one of these draws maps, and so depends on the boundaries."""


def key_of(parts: dict) -> str:
    """One digest of named parts (order does not matter)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:  # unreadable: the load that follows says so; the key must still differ
        return f"unreadable: {error.strerror or error}"


def _listing(folder: Path) -> list[Path]:
    """The files under ``folder``, sorted; hidden files, lock files of Office and caches of Python left out."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith((".", "~$")) or part == "__pycache__" for part in relative) or path.suffix == ".pyc":
            continue
        if path.is_file():
            found.append(path)
    return found


def files_digest(*places: Path) -> str:
    """A digest of the names and contents of every file in ``places`` (files or folders; missing ones count too)."""
    digest = hashlib.sha256()
    for place in places:
        place = Path(place)
        digest.update(f"\0{place.name}:".encode())
        try:
            if place.is_dir():
                for path in _listing(place):
                    digest.update(f"{path.relative_to(place).as_posix()}={_file_digest(path)};".encode())
            elif place.exists():
                digest.update(_file_digest(place).encode())
            else:
                digest.update(b"missing")
        except (OSError, RuntimeError) as error:  # unreadable, or a loop of links: the load says so, or skips it
            digest.update(f"unreadable: {getattr(error, 'strerror', None) or error}".encode())
    return digest.hexdigest()


def code_digest() -> str:
    """A digest of the package's own files: code, templates, vocabularies."""
    return files_digest(PACKAGE_DIR)


def library_versions() -> dict[str, str]:
    """Python's version and each library's in :data:`LIBRARIES` ("absent" when not installed)."""
    versions = {"python": f"{platform.python_implementation()} {sys.version.split()[0]}"}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def evidence_digest(data_dir: str) -> str:
    """The files a data folder is read from: those at its top, its ``vocabularies/`` and its reference (own or
    built-in), the source documents ``sources.csv`` names (the summary copies them beside its page), and the CBS
    figures in the user cache. Other files in subfolders are never read.

    A document named outside the data folder is not read (loading the data refuses it); its name counts."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    top = [path for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith((".", "~$"))]
    documents = []
    for value in listed_documents(folder):
        path = document_path(folder, value)
        inside = _inside(path, folder)
        documents.append(path if inside else Path(f"outside the data folder: {value}"))
    return files_digest(*top, folder / "vocabularies", reference_dir(folder), cache_dir() / "cbs", *documents)


def _inside(path: Path, folder: Path) -> bool:
    try:
        target, root = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    return root in target.parents


def _names_used(notebook: Path) -> frozenset[str] | None:
    try:
        return names_used(notebook)
    except (OSError, ValueError):  # the render reports it; the key must still be made
        return None


def _boundaries_digest(boundaries_file: str) -> str:
    if boundaries_file:
        return files_digest(Path(boundaries_file))
    cache = cache_dir()
    try:
        return files_digest(*(sorted(cache.glob("boundaries_*.geojson")) if cache.is_dir() else []))
    except OSError as error:  # an optional cache that cannot be read: skipped (see geography.cache)
        return f"unreadable: {error.strerror or error}"


@dataclass
class RunInputs:
    """The digests of a run's inputs; :meth:`report_key` combines those one report rests on."""

    parameters: dict
    with_code: bool
    evidence: str
    boundaries: str
    code: str
    libraries: dict

    @classmethod
    def gather(cls, parameters: dict, with_code: bool) -> RunInputs:
        """Read every input of a run with ``parameters`` (all of them, merged with the defaults)."""
        return cls(dict(parameters), bool(with_code), evidence_digest(parameters.get("data_dir") or ""),
                   _boundaries_digest(parameters.get("boundaries_file") or ""), code_digest(), library_versions())

    def run_parts(self) -> dict:
        """What the run's own files rest on (snapshot, changes, the index's texts): all but notebooks and maps."""
        parameters = {k: v for k, v in self.parameters.items() if k not in ("changes_file", *MAP_PARAMETERS)}
        return {"parameters": key_of(parameters), "evidence": self.evidence, "code": self.code,
                "libraries": key_of(self.libraries)}

    def run_key(self) -> str:
        return key_of(self.run_parts())

    def report_parts(self, notebook: Path, parameters: dict, changes_text: str | None) -> dict:
        """The parts of one report's key; ``changes_text`` is the content of ``changes.json`` (``None``: not known).

        ``parameters`` are those the notebook declares, as passed to it; only those its code reads count.
        """
        used = _names_used(notebook)
        shown = {name: value for name, value in parameters.items() if used is None or name in used}
        if "changes_file" in shown:
            shown["changes_file"] = ("changes.json " + hashlib.sha256(changes_text.encode()).hexdigest()
                                     if changes_text is not None else "unknown")
        parts = {"notebook": files_digest(Path(notebook)),
                 "parameters": key_of({"values": shown, "with_code": self.with_code}),
                 "evidence": self.evidence, "code": self.code, "libraries": key_of(self.libraries)}
        if any(name in shown for name in MAP_PARAMETERS):
            parts["boundaries"] = self.boundaries
        return parts
