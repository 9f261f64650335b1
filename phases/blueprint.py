"""The phases blueprint, shared by its route modules (projects, milestones, gates, issues)."""
from flask import Blueprint

bp = Blueprint("phases", __name__)
