"""Typed models for questionnaires, assessments, invitations, responses and answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Client, TenantOwned, User
from assess.enums import AssessmentStatus, ResponseStatus
from core.db import str_enum, utcnow
from core.extensions import db


class Questionnaire(db.Model):
    """One version of a questionnaire; its content never changes once stored."""

    __tablename__ = "questionnaires"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assessment(TenantOwned, db.Model):
    """A maturity assessment of a client, answered by many respondents."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id"))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[AssessmentStatus] = mapped_column(str_enum(AssessmentStatus), default=AssessmentStatus.DRAFT)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    closes_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    client: Mapped[Client] = relationship()
    questionnaire: Mapped[Questionnaire] = relationship()
    created_by: Mapped[User | None] = relationship()
    targets: Mapped[list[AssessmentTarget]] = relationship(back_populates="assessment", order_by="AssessmentTarget.id")


class AssessmentTarget(TenantOwned, db.Model):
    """The level a client aims for in one dimension."""

    __tablename__ = "assessment_targets"
    __table_args__ = (UniqueConstraint("assessment_id", "dimension_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    dimension_key: Mapped[str] = mapped_column(String(80))
    target: Mapped[float] = mapped_column(Float)

    assessment: Mapped[Assessment] = relationship(back_populates="targets")


class Invitation(TenantOwned, db.Model):
    """A personal (or anonymous) link to answer an assessment; only a hash of its token is kept."""

    __tablename__ = "invitations"
    # One link per e-mail and assessment (stored trimmed and in lower case); links without an e-mail are not limited.
    # A unique index, not a table constraint: SQLite adds it without rebuilding the table (a rebuild would drop the
    # old table, and with it, through ON DELETE CASCADE, every response).
    __table_args__ = (Index("uq_invitations_assessment_id_email", "assessment_id", "email", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    department: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120), default="")
    locale: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    assessment: Mapped[Assessment] = relationship()


class Response(TenantOwned, db.Model):
    """One respondent's answers to an assessment: exactly one per invitation."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), unique=True)
    department: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[ResponseStatus] = mapped_column(str_enum(ResponseStatus), default=ResponseStatus.IN_PROGRESS)
    page: Mapped[int] = mapped_column(Integer, default=1)
    locale: Mapped[str | None] = mapped_column(String(10))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)


class Answer(db.Model):
    """A respondent's level (or 'not applicable') and comment for one question."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    question_key: Mapped[str] = mapped_column(String(120))
    level: Mapped[int | None] = mapped_column(Integer)
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExpectationAnswer(db.Model):
    """A respondent's expected benefit (a number) for one expectation question."""

    __tablename__ = "expectation_answers"
    __table_args__ = (UniqueConstraint("response_id", "expectation_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    expectation_key: Mapped[str] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class InvitationAuditEntry(TenantOwned, db.Model):
    """One recorded change of an assessment's invitations: a deleted link's fields, or its restoring."""

    __tablename__ = "invitation_audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    invitation_id: Mapped[int] = mapped_column(Integer)  # no foreign key: it outlives the deleted invitation
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    label: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
