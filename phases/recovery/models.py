"""Typed models of a project recovery: the eight-step checklist, re-based expectations, the scope cut and findings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import TenantOwned, User
from core.db import str_enum, utcnow
from core.extensions import db
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision


class Recovery(TenantOwned, db.Model):
    """The rescue of a troubled project; one per project, its expectations accepted by the sponsor."""

    __tablename__ = "recoveries"
    __table_args__ = (UniqueConstraint("project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    trigger: Mapped[str] = mapped_column(Text, default="")  # the health-check reasons when it started
    expectations_accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    expectations_accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    started_by: Mapped[User | None] = relationship(foreign_keys=[started_by_id])
    expectations_accepted_by: Mapped[User | None] = relationship(foreign_keys=[expectations_accepted_by_id])


class RecoveryItem(TenantOwned, db.Model):
    """One check item of a recovery step, with its owner, due date, status and evidence."""

    __tablename__ = "recovery_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    recovery_id: Mapped[int] = mapped_column(ForeignKey("recoveries.id", ondelete="CASCADE"), index=True)
    step_key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    template_key: Mapped[str] = mapped_column(String(80))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus), default=ItemStatus.OPEN)
    evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)

    owner: Mapped[User | None] = relationship()


class ExpectationReset(TenantOwned, db.Model):
    """An original claim next to the measurable small win that replaces it."""

    __tablename__ = "expectation_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    recovery_id: Mapped[int] = mapped_column(ForeignKey("recoveries.id", ondelete="CASCADE"), index=True)
    original_claim: Mapped[str] = mapped_column(String(300))
    small_win: Mapped[str] = mapped_column(String(300))
    metric: Mapped[str] = mapped_column(String(200))
    baseline_value: Mapped[str] = mapped_column(String(100))
    target_value: Mapped[str] = mapped_column(String(100))
    target_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ScopeItem(TenantOwned, db.Model):
    """A feature the recovery keeps, defers or drops (deferring and dropping carry a reason)."""

    __tablename__ = "scope_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    recovery_id: Mapped[int] = mapped_column(ForeignKey("recoveries.id", ondelete="CASCADE"), index=True)
    feature: Mapped[str] = mapped_column(String(200))
    decision: Mapped[ScopeDecision] = mapped_column(str_enum(ScopeDecision), default=ScopeDecision.KEPT)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Finding(TenantOwned, db.Model):
    """A lesson: what went wrong, its category and the evidence; deliberately without any person field."""

    __tablename__ = "recovery_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    recovery_id: Mapped[int] = mapped_column(ForeignKey("recoveries.id", ondelete="CASCADE"), index=True)
    what_went_wrong: Mapped[str] = mapped_column(Text)
    category: Mapped[FindingCategory] = mapped_column(str_enum(FindingCategory))
    evidence: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
