"""Maturity assessments: questionnaires, assessments, invitations, responses and scoring."""
