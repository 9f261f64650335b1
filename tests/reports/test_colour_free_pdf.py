"""The status report reads without colour: the rollout matrix and the timeline print their symbols."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from accounts.models import Client
from charts.matrix import LATE_SYMBOL, STAGE_SYMBOLS
from charts.timeline import RAG_SYMBOLS
from core.extensions import db
from phases.projects.models import Project

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: `make test` installs it")


def test_the_demo_status_report_prints_stage_and_status_symbols(app, runner, tmp_path: Path) -> None:
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        project_id = db.session.scalar(select(Project.id).join(Client).where(Client.is_group.is_(True)))
    path = tmp_path / "status.pdf"
    result = runner.invoke(args=["report", "status", str(project_id), "-o", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    # The demo rollout has cells in these stages, two of them late, and milestones done, overdue and on track.
    for stage in ("not_started", "pilot", "template_ready", "rolling_out", "optimising"):
        assert text.count(STAGE_SYMBOLS[stage]) >= 2, stage  # in a cell and in the legend
    assert text.count(LATE_SYMBOL) >= 3  # two late cells and the legend
    for rag in ("done", "overdue", "on_track"):
        assert RAG_SYMBOLS[rag] in text, rag
