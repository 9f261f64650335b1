"""The rollout tests' world: a group client with four units in two regions and a project with its rollout set up."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from accounts import services as account_services
from accounts.models import BusinessUnit
from core.extensions import db
from phases.projects.models import Project
from phases.rollout import services as rollout
from phases.rollout.models import RolloutFunction
from tests.phases.rollout.world import UNITS


@pytest.fixture
def group(app, make_client, make_user, make_project):
    """A group client with four units in two regions, a project with its rollout set up, and its people."""
    company = make_client("鼎盛集团", is_group=True)
    consultant = make_user("consultant", clients=(company,), name="陈顾问")
    sponsor = make_user("sponsor", client=company, name="周总")
    member = make_user("member", client=company, name="黄经理")
    project = make_project(company, name="集团推广")
    with app.app_context():
        for name, region, headcount in UNITS:
            account_services.add_unit(db.session.merge(company, load=False), name, region, headcount)
        units = {unit.name: unit.id for unit in db.session.scalars(select(BusinessUnit))}
        record = db.session.get(Project, project.id)
        rollout.start_programme(record, db.session.merge(consultant, load=False), "zh_Hans")
        functions = {function.template_key: function.id for function in db.session.scalars(select(RolloutFunction))}
    return {
        "client": company,
        "consultant": consultant,
        "sponsor": sponsor,
        "member": member,
        "project": project.id,
        "units": units,
        "functions": functions,
    }
