"""Demo assessments: a closed one with real disagreement between departments, and an open one half answered."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select, update

from accounts.models import Client, User
from assess import answer_services, services
from assess.invitees import Invitee
from assess.library import content_of
from assess.models import Answer, Assessment, AssessmentStatus, ExpectationAnswer, Invitation, Questionnaire, Response
from assess.queries import client_project_choices
from assess.questionnaire import Questionnaire as Content
from core.clock import local_today
from core.db import utcnow, write_transaction
from core.extensions import db

# How each department sees the company, per dimension (a base level before personal noise).
BASE = {
    "strategy": 2.6,
    "customer_orientation": 2.4,
    "customer_data": 1.8,
    "channels": 2.5,
    "sales_marketing": 2.3,
    "service": 2.7,
    "analytics": 1.7,
    "technology": 2.4,
    "organisation": 2.2,
    "governance": 2.0,
}
DEPARTMENT_BIAS = {
    "销售部": {"sales_marketing": 0.9, "customer_data": -0.3, "technology": -0.8, "analytics": -0.4},
    "市场部": {"customer_orientation": 0.6, "analytics": 0.5, "sales_marketing": -0.6},
    "客服中心": {"service": -0.9, "channels": 0.8, "customer_data": -0.5},
    "信息技术部": {"technology": 1.6, "customer_data": 1.1, "governance": 0.6, "organisation": -0.4},
    "财务部": {"strategy": -0.5, "analytics": 0.9, "sales_marketing": -0.4},
}
EXPECTED = {  # department: sales growth %, productivity %, order time reduction %, staff reduction %, months
    "销售部": (100, 30, 10, 5, 2),
    "市场部": (50, 20, 8, 0, 4),
    "客服中心": (15, 10, 20, 30, 3),
    "信息技术部": (8, 10, 15, 5, 12),
    "财务部": (5, 5, 5, 10, 18),
}
# Respondents' own words, each said once: a comment is drawn from its dimension's list and not repeated.
COMMENTS = {
    "strategy": [
        "公司说要“以客户为中心”，但年度考核还是只看销售额。",
        "CRM 项目的目标没有写进各部门的年度计划，大家觉得是信息部的事。",
        "管理层对三年后要达到什么样子，说法不太一致。",
    ],
    "customer_orientation": [
        "我们对大客户很上心，中小客户基本没人管。",
        "客户满意度调查一年做一次，结果很少有人看。",
        "客户流失了往往要过几个月才发现。",
    ],
    "customer_data": [
        "同一家客户在销售和财务系统里编码不同，经常对不上。",
        "客户资料多数还在各人的 Excel 里，销售离职资料就跟着走了。",
        "联系人电话有一半是过期的，去年核对过一次就没再更新。",
        "新客户建档没有必填项，地址和行业经常空着。",
    ],
    "channels": [
        "官网留言、400 电话和微信公众号各管各的，客户要重复说明情况。",
        "经销商那边的客户信息我们几乎看不到。",
        "线上商城的订单要人工再录一遍到 ERP。",
    ],
    "sales_marketing": [
        "市场部给的线索没人跟进，也没有时限。",
        "商机阶段每个人理解不一样，周报里的预测准确率很低。",
        "报价审批要跑三个人签字，大单经常因此拖一周。",
        "展会收回来的名片，两个月后还没录入系统。",
    ],
    "service": [
        "投诉处理结果没有人回访客户。",
        "售后工单靠电话转派，工程师到现场才知道是什么问题。",
        "同一个问题客户反映了三次，每次都是不同的人接。",
    ],
    "analytics": [
        "每月的销售报表要财务手工汇总三天才出得来。",
        "想看某个区域的客户贡献，得找 IT 临时写查询。",
        "报表数字和各部门自己算的经常不一致。",
    ],
    "technology": [
        "ERP 和 CRM 之间目前靠人工导数据。",
        "老系统是十年前定制的，供应商已经不再维护。",
        "销售在外面用手机打不开现在的系统。",
    ],
    "organisation": [
        "各分公司的销售流程差别很大，总部很难统一要求。",
        "关键用户都是兼职做项目，忙起来就顾不上。",
        "培训只讲了系统操作，没讲为什么要这样做。",
    ],
    "governance": [
        "上一次系统上线没有并行运行，切换当天就出了问题。",
        "需求变更没有审批，谁嗓门大听谁的。",
        "项目例会经常因为领导没空而取消。",
    ],
}
CLOSED_TEAM = [
    ("陈立", "销售部", "销售总监"),
    ("王芳", "销售部", "大客户经理"),
    ("刘洋", "销售部", "销售代表"),
    ("孙磊", "销售部", "销售代表"),
    ("周婷", "市场部", "市场经理"),
    ("吴昊", "市场部", "活动专员"),
    ("郑敏", "市场部", "数据分析师"),
    ("冯雪", "客服中心", "客服主管"),
    ("何静", "客服中心", "客服专员"),
    ("许超", "客服中心", "客服专员"),
    ("黄志强", "信息技术部", "IT 经理"),
    ("马骏", "信息技术部", "系统管理员"),
    ("林晓梅", "财务部", "财务经理"),
    ("罗佳", "财务部", "会计"),
]
OPEN_TEAM = [
    ("张敏", "销售部", "销售经理"),
    ("赵磊", "客服中心", "客服主管"),
    ("钱坤", "销售部", "销售代表"),
    ("孙丽", "市场部", "市场专员"),
    ("李强", "生产计划部", "计划员"),
    ("周洁", "财务部", "会计"),
    ("吴刚", "信息技术部", "IT 主管"),
    ("郑华", "客服中心", "客服专员"),
    ("王伟", "销售部", "区域经理"),
    ("冯琳", "市场部", "品牌经理"),
]


def _level(rng: random.Random, base: float) -> int:
    return max(1, min(5, round(base + rng.gauss(0, 0.6))))


def _answer_all(
    rng: random.Random,
    content: Content,
    invitation: Invitation,
    department: str,
    unsaid: dict[str, list[str]],
    share: float = 1.0,
    comment_rate: float = 0.12,
) -> None:
    response = answer_services.open_response(invitation)
    bias = DEPARTMENT_BIAS.get(department, {})
    questions = content.questions[: max(1, int(len(content.questions) * share))]
    for question in questions:
        if rng.random() < 0.05:
            answer_services.save_answer(response, question.key, None, True, "", None)
            continue
        comment = ""
        if unsaid.get(question.dimension) and rng.random() < comment_rate:
            comment = unsaid[question.dimension].pop(rng.randrange(len(unsaid[question.dimension])))
        answer_services.save_answer(
            response,
            question.key,
            _level(rng, BASE[question.dimension] + bias.get(question.dimension, 0)),
            False,
            comment,
            None,
        )
    if share >= 1.0:
        for expectation, value in zip(content.expectations, EXPECTED.get(department, (10, 10, 10, 5, 6))):
            answer_services.save_expectation(
                response, expectation.key, float(max(expectation.minimum, value + rng.randint(-3, 3))), None
            )
        answer_services.submit(response)


def _create(
    client: Client,
    consultant: User,
    questionnaire: Questionnaire,
    title: str,
    closes_in: int,
    targets: dict[str, float],
    team: list[tuple[str, str, str]],
) -> tuple[Assessment, list[Invitation]]:
    # Each demo assessment speaks for its client's (first) project, whose health check reads it.
    project_id = next(iter(client_project_choices(client.id)), (None, ""))[0]
    assessment = services.create_assessment(
        client, questionnaire, title, local_today() + timedelta(days=closes_in), False, targets, consultant, project_id
    )
    services.set_status(assessment, AssessmentStatus.OPEN)
    links = services.invite(assessment, [Invitee(name, None, department, role) for name, department, role in team])
    return assessment, [link.invitation for link in links]


def seed_assessments(clients: dict[str, Client]) -> bool:
    """Create the demo assessments unless they exist; return whether anything was created."""
    services.ensure_bundled_questionnaires()
    questionnaire = db.session.scalars(
        select(Questionnaire).where(Questionnaire.key == "crm-maturity").order_by(Questionnaire.version.desc())
    ).first()
    content = content_of(questionnaire)
    consultant = db.session.scalars(select(User).where(User.email == "wang.lixin@mingtu.example")).one()
    created = False
    unsaid = {dimension: list(comments) for dimension, comments in COMMENTS.items()}  # no sentence said twice
    group = clients["鼎盛消费品集团"]
    closed_title = "集团 CRM 成熟度评估（试点前）"
    if not db.session.scalar(
        select(Assessment.id).where(Assessment.client_id == group.id, Assessment.title == closed_title)
    ):
        rng = random.Random(2026)
        targets = {
            dimension.key: 3.5 if dimension.key in ("customer_data", "sales_marketing") else 3.0
            for dimension in content.dimensions
        }
        assessment, invitations = _create(group, consultant, questionnaire, closed_title, 30, targets, CLOSED_TEAM)
        for invitation in invitations:
            _answer_all(rng, content, invitation, invitation.department, unsaid, comment_rate=0.04)
        services.set_status(assessment, AssessmentStatus.CLOSED)
        with write_transaction():  # it ran before the pilot: date it back
            assessment.closes_on = local_today() - timedelta(days=60)
        _date_back(assessment, utcnow() - timedelta(days=90), utcnow() - timedelta(days=62))
        created = True
    company = clients["华东精工机械有限公司"]
    open_title = "CRM 成熟度评估 2026"
    if not db.session.scalar(
        select(Assessment.id).where(Assessment.client_id == company.id, Assessment.title == open_title)
    ):
        rng = random.Random(7)
        targets = {dimension.key: 3.0 for dimension in content.dimensions}
        assessment, invitations = _create(company, consultant, questionnaire, open_title, 14, targets, OPEN_TEAM)
        for number, invitation in enumerate(invitations):
            if number < 3:
                _answer_all(rng, content, invitation, invitation.department, unsaid)
            elif number < 6:
                _answer_all(rng, content, invitation, invitation.department, unsaid, share=0.3 + 0.15 * number / 3)
        _date_back(assessment, utcnow() - timedelta(days=9), utcnow() - timedelta(hours=20))
        created = True
    return created


def _date_back(assessment: Assessment, opened: datetime, last: datetime) -> None:
    """Give the assessment its history: links sent when it opened, responses coming in one by one until `last`."""
    invitations = db.session.scalars(select(Invitation).where(Invitation.assessment_id == assessment.id)).all()
    responses = db.session.scalars(
        select(Response)
        .join(Invitation, Invitation.id == Response.invitation_id)
        .where(Invitation.assessment_id == assessment.id)
        .order_by(Response.id)
    ).all()
    step = (last - opened) / (len(responses) or 1)
    with write_transaction():
        assessment.created_at = opened
        for invitation in invitations:
            invitation.created_at = opened
        for number, response in enumerate(responses, start=1):
            began = opened + step * number - timedelta(minutes=40)
            response.started_at = began
            response.updated_at = began + timedelta(minutes=25)
            if response.submitted_at is not None:
                response.submitted_at = response.updated_at
            for model in (Answer, ExpectationAnswer):
                db.session.execute(
                    update(model)
                    .where(model.response_id == response.id)
                    .values(updated_at=began + timedelta(minutes=12))
                )
