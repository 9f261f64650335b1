"""The issue log of a project."""
