"""What the report notebooks call: set-up, escaped display helpers, and computed text.

Notebooks stay thin: they pass their parameters to :func:`setup`, call
measures, and show the results. Every sentence about the evidence is made here
from the data (:mod:`.summary` for the summary's six questions, :mod:`.sections`
for the detailed reports), every figure comes with its computed alternative
text, and every data value is HTML-escaped on the way out: markup is
:class:`markupsafe.Markup`, built so that every value in it that is not markup
itself is escaped, and :func:`show_html` shows anything else as text.
"""

from ..common.dutch import FIRST_VERSION
from ..outputs.changes import load_changes
from . import sections, summary
from .context import Report, setup
from .display import (
    Markup,
    analyst_details,
    figure_markup,
    say,
    show_figure,
    show_html,
    show_list,
    show_paragraph,
    show_table,
)
from .glossary import glossary
from .prose import caption
from .whatchanged import changes_heading, changes_markup

__all__ = [
    "Markup", "Report", "analyst_details", "figure", "figure_html", "map_base", "say", "sections", "setup",
    "show_answer", "show_changes", "show_figure", "show_glossary", "show_html", "show_list", "show_paragraph",
    "show_table", "summary",
]


def figure(report: Report, chart, intro: str = "") -> None:
    """Show a chart with the caption naming the sources it rests on, after ``intro``: the notebook's words on
    what the figure shows, so that no figure comes without text before it. A chart with nothing to draw shows
    its sentence instead, without the introduction."""
    if intro and chart.figure is not None:
        show_paragraph(intro)
    show_figure(chart, caption(report, chart.uses_population))


def figure_html(report: Report, chart) -> Markup:
    """A chart with its caption, as markup (for a folded part "Voor analisten")."""
    return figure_markup(chart, caption(report, chart.uses_population))


def show_answer(answer: summary.Answer) -> None:
    """Show one of the summary's answers with its evidence line."""
    show_html(answer.markup())


def map_base(report: Report, map_mode: str = "auto", boundaries_file: str = ""):
    """The base map for this report's year (see :func:`vsv_analysis.maps.choose_map`), and say which it is.

    A relative ``boundaries_file`` is read from the working folder, as ``data_dir`` is.
    """
    from .. import maps
    from ..jupyter.lab import working_folder
    from ..jupyter.parameters import resolve_path

    if boundaries_file:
        boundaries_file = resolve_path(boundaries_file, working_folder())
    base = maps.choose_map(report.data.reference, map_mode, boundaries_file)
    say("{note}", note=base.note)
    return base


def show_changes(report: Report, changes_file: str) -> None:
    """The "what changed" block from a run's ``changes.json``; nothing when there is no file (a notebook in Lab)."""
    changes = load_changes(changes_file)
    if changes is None:
        return
    if not changes.get("baseline"):  # a first version: one quiet line, not a box
        show_html(Markup('<p class="vsv-note">{}</p>').format(FIRST_VERSION))
        return
    show_html(Markup('<section class="vsv-changes"><h2 id="wat-is-er-veranderd">{}</h2>{}</section>').format(
        changes_heading(changes), changes_markup(changes, report.data.vocabulary)))


def show_glossary(report: Report, terms) -> None:
    """The "Begrippen" list for the terms this report uses."""
    show_html(glossary(report, terms))
