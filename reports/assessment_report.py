"""The assessment report: the results page's read model plus who prepared the report, when, in which language."""

from __future__ import annotations

from dataclasses import dataclass

from assess.models import Assessment
from assess.results import load_results
from assess.views import ResultsView, results_view
from core.clock import local_today
from core.i18n import day


@dataclass(frozen=True)
class AssessmentReport:
    """What the assessment report (and the status report's maturity chapter) shows."""

    results: ResultsView
    prepared_by: str
    date: str  # the close date of a closed assessment, else today; formatted in the report's language
    locale: str

    @property
    def kind(self) -> str:
        """Return the report kind the shared report skeleton styles by."""
        return "assessment"

    @property
    def title(self) -> str:
        """Return the assessment's title, for the cover and the running header."""
        return self.results.heading.title

    @property
    def client(self) -> str:
        """Return the client's name, for the cover and the running header."""
        return self.results.heading.client_name


def assessment_context(assessment: Assessment, prepared_by: str, locale: str) -> AssessmentReport:
    """Return everything the assessment report shows; called while the report's locale is in force."""
    view = results_view(assessment, load_results(assessment))
    heading = view.heading
    dated = day(heading.closes_on if heading.is_closed else local_today())
    return AssessmentReport(results=view, prepared_by=prepared_by, date=dated, locale=locale)
