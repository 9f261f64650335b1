"""Command line: write a project status report or an assessment report to a PDF file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from accounts.zones import show_client
from assess.models import Assessment
from core.clock import local_today
from core.extensions import db
from core.i18n import LOCALES
from phases.projects.models import Project
from reports.build import assessment_html, pdf_of, status_html


@click.group("report")
def report_group() -> None:
    """Write PDF reports."""


def _write(pdf: bytes, output: str) -> None:
    Path(output).write_bytes(pdf)
    click.echo(f"Wrote {output} ({len(pdf) // 1024} KiB).")


@report_group.command("status")
@click.argument("project_id", type=int)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--lang", type=click.Choice(LOCALES), default="zh_Hans", show_default=True)
@click.option("--by", "prepared_by", default="", help="Name shown as 'prepared by'.")
@with_appcontext
def status_command(project_id: int, output: str, lang: str, prepared_by: str) -> None:
    """Write the status report of a project."""
    project = db.session.get(Project, project_id)
    if project is None:
        raise click.ClickException(f"No project {project_id}.")
    show_client(project.client_id)
    _write(pdf_of(status_html(project, lang, prepared_by, local_today())), output)


@report_group.command("assessment")
@click.argument("assessment_id", type=int)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--lang", type=click.Choice(LOCALES), default="zh_Hans", show_default=True)
@click.option("--by", "prepared_by", default="", help="Name shown as 'prepared by'.")
@with_appcontext
def assessment_command(assessment_id: int, output: str, lang: str, prepared_by: str) -> None:
    """Write the report of an assessment."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"No assessment {assessment_id}.")
    show_client(assessment.client_id)
    _write(pdf_of(assessment_html(assessment, lang, prepared_by)), output)
