"""The people and projects the issue log tests (and the recovery tests) work with."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(app, make_client, make_user, make_project):
    """A client with a sponsor, two members, a consultant and a project; another client with its own project."""
    company = make_client("华东精工机械有限公司")
    other = make_client("乙公司")
    return {
        "client": company,
        "sponsor": make_user("sponsor", client=company, name="刘建国"),
        "member": make_user("member", client=company, name="张敏"),
        "other_member": make_user("member", client=company, name="赵磊"),
        "consultant": make_user("consultant", clients=(company,), name="王立新"),
        "project": make_project(company, name="CRM 一期"),
        "other_sponsor": make_user("sponsor", client=other, name="乙发起人"),
        "other_project": make_project(other, name="乙项目"),
    }
