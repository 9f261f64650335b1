"""Shared plumbing: extensions, database session rules, i18n, security and error pages."""
