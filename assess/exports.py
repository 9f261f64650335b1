"""Exports: raw answers and scores as CSV, everything as one XLSX workbook, new links as CSV."""

from __future__ import annotations

import csv
import io
from base64 import b64encode
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Response as HttpResponse
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from assess.models import Answer, Assessment, ExpectationAnswer, Invitation, Response
from assess.questionnaire import Questionnaire
from assess.results import AssessmentResults
from core.clock import local_time, time_zone_name
from core.content import localized
from core.extensions import db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Exports are data for spreadsheets: local times in a form every spreadsheet reads as a date, the zone in the header.
CSV_DATE_TIME = "%Y-%m-%d %H:%M"
XLSX_DATE_TIME = "yyyy-mm-dd hh:mm"
XLSX_DATE = "yyyy-mm-dd"


def _number(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)


@dataclass(frozen=True)
class _Respondent:
    """A submitted response as the answers export shows it; respondents are numbered R1, R2... by response id."""

    number: int
    name: str | None
    department: str
    role: str
    submitted_at: datetime | None


def _answer_header() -> list[Any]:
    return [
        _("Respondent"),
        _("Name"),
        _("Department"),
        _("Position"),
        _("Submitted (%(zone)s)", zone=time_zone_name()),
        _("Dimension"),
        _("Question key"),
        _("Question"),
        _("Level"),
        _("Not applicable"),
        _("Comment"),
    ]


def _submitted_respondents(assessment: Assessment) -> dict[int, _Respondent]:
    """Return the submitted responses by response id, numbered in id order."""
    responses = db.session.execute(
        select(Response.id, Response.department, Response.role, Response.submitted_at, Invitation.name)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .where(Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))
        .order_by(Response.id)
    ).all()
    return {
        row.id: _Respondent(index, row.name, row.department, row.role, row.submitted_at)
        for index, row in enumerate(responses, start=1)
    }


def _respondent_cells(assessment: Assessment, respondent: _Respondent) -> list[Any]:
    """Return the columns that say who answered; the name stays empty in an anonymous assessment."""
    return [
        f"R{respondent.number}",
        "" if assessment.anonymous else (respondent.name or ""),
        respondent.department,
        respondent.role,
        local_time(respondent.submitted_at) if respondent.submitted_at else "",
    ]


def _question_answer_rows(
    assessment: Assessment, q: Questionnaire, respondents: dict[int, _Respondent], locale: str
) -> list[list[Any]]:
    """Return the answers to the questionnaire's questions, by respondent, in questionnaire order."""
    # An empty IN () is skipped rather than sent: with no submitted response there is nothing to read.
    answers = (
        db.session.execute(
            select(Answer.response_id, Answer.question_key, Answer.level, Answer.not_applicable, Answer.comment)
            .where(Answer.response_id.in_(list(respondents)))
            .order_by(Answer.response_id, Answer.id)
        ).all()
        if respondents
        else []
    )
    order = {question.key: index for index, question in enumerate(q.questions)}
    rows: list[list[Any]] = []
    for response_id, key, level, not_applicable, comment in sorted(
        answers, key=lambda a: (respondents[a[0]].number, order.get(a[1], 999))
    ):
        if key not in order:
            continue
        question = q.question(key)
        rows.append(
            _respondent_cells(assessment, respondents[response_id])
            + [
                localized(q.dimension(question.dimension).name, locale),
                key,
                localized(question.text, locale),
                "" if level is None else level,
                "x" if not_applicable else "",
                comment,
            ]
        )
    return rows


def _expectation_answer_rows(
    assessment: Assessment, q: Questionnaire, respondents: dict[int, _Respondent], locale: str
) -> list[list[Any]]:
    """Return the expected benefits the respondents gave, by respondent, in the order they were stored."""
    expectations = {expectation.key: expectation for expectation in q.expectations}
    values = (
        db.session.execute(
            select(ExpectationAnswer.response_id, ExpectationAnswer.expectation_key, ExpectationAnswer.value)
            .where(ExpectationAnswer.response_id.in_(list(respondents)), ExpectationAnswer.value.is_not(None))
            .order_by(ExpectationAnswer.response_id, ExpectationAnswer.id)
        ).all()
        if respondents
        else []
    )
    return [
        _respondent_cells(assessment, respondents[response_id])
        + [_("Expectations"), key, localized(expectations[key].text, locale), value, "", ""]
        for response_id, key, value in values
        if key in expectations
    ]


def answer_rows(assessment: Assessment, results: AssessmentResults) -> list[list[Any]]:
    """Return one row per answer of the submitted responses (respondents numbered; names only if not anonymous)."""
    locale = str(get_locale())
    respondents = _submitted_respondents(assessment)
    return (
        [_answer_header()]
        + _question_answer_rows(assessment, results.questionnaire, respondents, locale)
        + _expectation_answer_rows(assessment, results.questionnaire, respondents, locale)
    )


def score_rows(results: AssessmentResults) -> list[list[Any]]:
    """Return one row per dimension with score, target, gap, priority and spread, then the overall score."""
    locale = str(get_locale())
    q = results.questionnaire
    header = [
        _("Dimension key"),
        _("Dimension"),
        _("Weight"),
        _("Score"),
        _("Target"),
        _("Gap"),
        _("Priority"),
        _("Standard deviation"),
        _("Minimum"),
        _("Maximum"),
        _("Respondents disagree"),
    ]
    rows: list[list[Any]] = [header]
    for dimension in results.scores.dimensions:
        spread = dimension.spread
        rows.append(
            [
                dimension.key,
                localized(q.dimension(dimension.key).name, locale),
                q.dimension(dimension.key).weight,
                _number(dimension.score),
                _number(dimension.target),
                _number(dimension.gap),
                _number(dimension.priority),
                _number(spread.stdev if spread else None),
                _number(spread.minimum if spread else None),
                _number(spread.maximum if spread else None),
                "x" if dimension.disagrees else "",
            ]
        )
    rows.append(["overall", _("Overall"), "", _number(results.scores.overall), "", "", "", "", "", "", ""])
    return rows


def question_rows(results: AssessmentResults) -> list[list[Any]]:
    """Return one row per question with its mean, answer count and spread."""
    locale = str(get_locale())
    q = results.questionnaire
    rows: list[list[Any]] = [
        [
            _("Question key"),
            _("Question"),
            _("Weight"),
            _("Score"),
            _("Answered"),
            _("Not applicable"),
            _("Standard deviation"),
            _("Minimum"),
            _("Maximum"),
        ]
    ]
    for question in q.questions:
        scored = results.scores.questions[question.key]
        spread = scored.spread
        rows.append(
            [
                question.key,
                localized(question.text, locale),
                question.weight,
                _number(scored.score),
                scored.answered,
                scored.not_applicable,
                _number(spread.stdev if spread else None),
                _number(spread.minimum if spread else None),
                _number(spread.maximum if spread else None),
            ]
        )
    return rows


def department_rows(results: AssessmentResults) -> list[list[Any]]:
    """Return the dimension × department score matrix."""
    locale = str(get_locale())
    departments = list(results.by_department)
    rows: list[list[Any]] = [[_("Dimension")] + departments]
    for dimension in results.scores.dimensions:
        rows.append(
            [localized(results.questionnaire.dimension(dimension.key).name, locale)]
            + [_number(results.by_department[name].dimension(dimension.key).score) for name in departments]
        )
    return rows


def expectation_rows(assessment: Assessment, results: AssessmentResults) -> list[list[Any]]:
    """Return the expectation summaries."""
    locale = str(get_locale())
    rows: list[list[Any]] = [
        [
            _("Expectation"),
            _("Answers"),
            _("Median"),
            _("Minimum"),
            _("Maximum"),
            _("Unrealistically high"),
            _("Too pessimistic"),
        ]
    ]
    for expectation, summary in zip(results.questionnaire.expectations, results.expectations):
        rows.append(
            [
                localized(expectation.text, locale),
                summary.count,
                _number(summary.median),
                _number(summary.minimum),
                _number(summary.maximum),
                summary.unrealistic,
                summary.pessimistic,
            ]
        )
    return rows


def _csv_text(rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _csv_cell(cell: Any) -> Any:
    if isinstance(cell, datetime):
        return cell.strftime(CSV_DATE_TIME)
    if isinstance(cell, date):
        return cell.isoformat()
    return _safe_cell(cell)


def _safe_cell(cell: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet: neutralise it.
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def _filename(assessment: Assessment, suffix: str) -> str:
    return f"assessment-{assessment.id}-{suffix}"


def csv_response(assessment: Assessment, results: AssessmentResults, table: str) -> HttpResponse:
    """Return a CSV download (UTF-8 with BOM, so spreadsheet programs read Chinese correctly)."""
    rows = answer_rows(assessment, results) if table == "answers" else score_rows(results)
    body = "\ufeff" + _csv_text(rows)
    return HttpResponse(
        body,
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_filename(assessment, table)}.csv"'},
    )


def _format_dates(sheet: Any) -> None:
    """Give date and date-time cells a date number format, so they stay real dates a spreadsheet can sort."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = XLSX_DATE_TIME
            elif isinstance(cell.value, date):
                cell.number_format = XLSX_DATE


def xlsx_bytes(assessment: Assessment, results: AssessmentResults) -> bytes:
    """Return a workbook with scores, questions, departments, expectations and raw answers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheets = [
        (_("Scores"), score_rows(results)),
        (_("Questions"), question_rows(results)),
        (_("Departments"), department_rows(results)),
        (_("Expectations"), expectation_rows(assessment, results)),
        (_("Answers"), answer_rows(assessment, results)),
    ]
    for index, (title, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title[:31]
        for row in rows:
            sheet.append([_safe_cell(cell) for cell in row])
        _format_dates(sheet)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(assessment: Assessment, results: AssessmentResults) -> HttpResponse:
    """Return the XLSX workbook as a download."""
    return HttpResponse(
        xlsx_bytes(assessment, results),
        mimetype=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{_filename(assessment, "results")}.xlsx"'},
    )


def links_csv(rows: Sequence[tuple[Invitation, str]]) -> str:
    """Return new links as a data: URL of a CSV file (name, e-mail, department, role, link)."""
    table = [[_("Name"), _("E-mail"), _("Department"), _("Position"), _("Link")]] + [
        [invitation.name or "", invitation.email or "", invitation.department, invitation.role, link]
        for invitation, link in rows
    ]
    encoded = b64encode(("\ufeff" + _csv_text(table)).encode()).decode()
    return f"data:text/csv;charset=utf-8;base64,{encoded}"
