"""Typed models for implementation projects, their phases and status updates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Client, TenantOwned, User
from core.db import str_enum, utcnow
from core.extensions import db
from phases.projects.enums import CriterionState, GateDecision, PhaseStatus, Rag
from phases.projects.methodology import Methodology


class Project(TenantOwned, db.Model):
    """An implementation project of a client, following one methodology."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    methodology: Mapped[Methodology] = mapped_column(str_enum(Methodology))
    start_date: Mapped[date | None] = mapped_column(Date)
    target_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    plan_approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    plan_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    client: Mapped[Client] = relationship()
    phases: Mapped[list[Phase]] = relationship(back_populates="project", order_by="Phase.position")


class Phase(TenantOwned, db.Model):
    """One phase (step) of a project."""

    __tablename__ = "phases"
    __table_args__ = (UniqueConstraint("project_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    status: Mapped[PhaseStatus] = mapped_column(str_enum(PhaseStatus), default=PhaseStatus.NOT_STARTED)
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_end: Mapped[date | None] = mapped_column(Date)
    investment: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    visible_result: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="phases")


class StatusUpdate(TenantOwned, db.Model):
    """A dated, authored statement of where a project stands."""

    __tablename__ = "status_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    rag: Mapped[Rag] = mapped_column(str_enum(Rag))
    summary: Mapped[str] = mapped_column(Text)
    next_steps: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class Milestone(TenantOwned, db.Model):
    """A dated checkpoint of a phase, with an owner, a frozen baseline and progress."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"), index=True)
    # A group rollout sets stages per unit (設置階段): such a milestone belongs to one unit, the others to the programme.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("business_units.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # A milestone suggested by the methodology keeps its suggestion's key and reads in the reader's language;
    # renaming it clears the key, and then the name as written stands.
    template_key: Mapped[str | None] = mapped_column(String(80))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    planned_date: Mapped[date | None] = mapped_column(Date)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    actual_date: Mapped[date | None] = mapped_column(Date)
    percent_done: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[User | None] = relationship()
    phase: Mapped[Phase] = relationship()


class GateCriterion(TenantOwned, db.Model):
    """A check a phase must pass before it closes, reviewed pass / rework / waived."""

    __tablename__ = "gate_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"), index=True)
    template_key: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[CriterionState] = mapped_column(str_enum(CriterionState), default=CriterionState.UNREVIEWED)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)

    reviewer: Mapped[User | None] = relationship()


class GateSignoff(TenantOwned, db.Model):
    """The sponsor's go / no-go on a phase gate; a go over open criteria carries an explicit waiver."""

    __tablename__ = "gate_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"), index=True)
    decision: Mapped[GateDecision] = mapped_column(str_enum(GateDecision))
    comment: Mapped[str] = mapped_column(Text, default="")
    waiver: Mapped[bool] = mapped_column(Boolean, default=False)
    waived_criteria: Mapped[str] = mapped_column(Text, default="")  # their texts, as the sponsor read them
    # The criteria the waiver covers: those open at signing; a record of what was signed, never changed afterwards.
    waived_criterion_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    waiver_reason: Mapped[str] = mapped_column(Text, default="")
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    signed_by: Mapped[User | None] = relationship()
