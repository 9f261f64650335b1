"""The group rollout's blueprint: every URL of the matrix, pilot, cell and organisation pages, listed in one place."""

from __future__ import annotations

from flask import Blueprint

from phases.rollout.routes import cell_pages, matrix_page, organisation_pages, pilot_pages

bp = Blueprint("rollout", __name__)

PROJECT = "/projects/<int:project_id>/rollout"
CELL = f"{PROJECT}/units/<int:unit_id>/functions/<int:function_id>"

# The matrix page: setting the rollout up, functions and unit milestones.
bp.add_url_rule(PROJECT, view_func=matrix_page.rollout, methods=["GET"])
bp.add_url_rule(PROJECT, view_func=matrix_page.start_rollout, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/functions", view_func=matrix_page.add_rollout_function, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/milestones", view_func=matrix_page.add_unit_milestone, methods=["POST"])

# Pilot selection: scores, the confirmed pilots, the rules.
bp.add_url_rule(f"{PROJECT}/pilots", view_func=pilot_pages.rollout_pilots, methods=["GET"])
bp.add_url_rule(f"{PROJECT}/pilots/scores", view_func=pilot_pages.score_pilots, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/pilots/confirm", view_func=pilot_pages.confirm_pilots, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/rules", view_func=pilot_pages.rollout_rules, methods=["POST"])

# One cell: its page, stage moves, dates, deviations and their decisions, evaluations.
bp.add_url_rule(CELL, view_func=cell_pages.rollout_cell, methods=["GET"])
bp.add_url_rule(f"{CELL}/move", view_func=cell_pages.move_cell, methods=["POST"])
bp.add_url_rule(f"{CELL}/plan", view_func=cell_pages.plan_cell, methods=["POST"])
bp.add_url_rule(f"{CELL}/deviations", view_func=cell_pages.request_deviation, methods=["POST"])
bp.add_url_rule(f"{CELL}/evaluation", view_func=cell_pages.evaluate_cell, methods=["POST"])
bp.add_url_rule("/deviations/<int:deviation_id>/decision", view_func=cell_pages.decide_deviation, methods=["POST"])

# Organisation: waves, tiers, supervision, training.
bp.add_url_rule(f"{PROJECT}/organisation", view_func=organisation_pages.rollout_organisation, methods=["GET"])
bp.add_url_rule(f"{PROJECT}/waves", view_func=organisation_pages.add_wave, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/placements", view_func=organisation_pages.place_units, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/waves/<int:wave_id>/plan", view_func=organisation_pages.plan_wave, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/tiers/<tier>", view_func=organisation_pages.save_tier, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/supervisors", view_func=organisation_pages.add_supervisor, methods=["POST"])
bp.add_url_rule("/supervisors/<int:seat_id>/remove", view_func=organisation_pages.remove_supervisor, methods=["POST"])
bp.add_url_rule(f"{PROJECT}/training", view_func=organisation_pages.plan_training, methods=["POST"])
bp.add_url_rule("/training/<int:session_id>", view_func=organisation_pages.training_session, methods=["GET", "POST"])
