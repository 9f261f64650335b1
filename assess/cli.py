"""Command line: list, export and import questionnaire versions."""

from __future__ import annotations

import json
from pathlib import Path

import click
import yaml
from flask.cli import with_appcontext
from sqlalchemy import select

from assess import services
from assess.library import read_file
from assess.models import Questionnaire
from assess.questionnaire import QuestionnaireError
from core.errors_domain import RuleError
from core.extensions import db


@click.group("questionnaire")
def questionnaire_group() -> None:
    """List, export and import questionnaires (YAML or JSON files)."""


@questionnaire_group.command("list")
@with_appcontext
def list_command() -> None:
    """List the stored questionnaire versions."""
    services.ensure_bundled_questionnaires()
    for row in db.session.scalars(select(Questionnaire).order_by(Questionnaire.key, Questionnaire.version)):
        questions = sum(len(dimension["questions"]) for dimension in row.content["dimensions"])
        click.echo(f"{row.key} v{row.version}: {len(row.content['dimensions'])} dimensions, {questions} questions")


@questionnaire_group.command("export")
@click.argument("key")
@click.option("--version", "version", type=int, help="The version (default: the latest).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option(
    "--format", "file_format", type=click.Choice(["yaml", "json"]), help="Default: from the file name, else YAML."
)
@with_appcontext
def export_command(key: str, version: int | None, output: str | None, file_format: str | None) -> None:
    """Write a stored questionnaire version to a file that `import` reads back unchanged."""
    services.ensure_bundled_questionnaires()
    statement = select(Questionnaire).where(Questionnaire.key == key)
    statement = (
        statement.where(Questionnaire.version == version)
        if version
        else statement.order_by(Questionnaire.version.desc())
    )
    row = db.session.scalars(statement).first()
    if row is None:
        raise click.ClickException(f"No questionnaire {key!r}" + (f" version {version}" if version else "") + ".")
    file_format = file_format or ("json" if output and output.endswith(".json") else "yaml")
    if file_format == "json":
        text = json.dumps(row.content, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(row.content, allow_unicode=True, sort_keys=False, width=120)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {row.key} v{row.version} to {output}.")
    else:
        click.echo(text, nl=False)


@questionnaire_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_command(path: str) -> None:
    """Validate a questionnaire file and store it as a new version; report every error with its place."""
    try:
        data = read_file(Path(path))
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{path} cannot be read: {error}") from error
    try:
        row, created = services.import_questionnaire(data)
    except QuestionnaireError as error:
        for message in error.errors:
            click.echo(f"  {message}", err=True)
        raise click.ClickException(f"{path} is not a valid questionnaire: {len(error.errors)} error(s).") from error
    except RuleError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"{'Imported' if created else 'Already stored, unchanged:'} {row.key} v{row.version}.")
