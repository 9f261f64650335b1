"""Tests of the project overview: the computed status and the pages that show it."""
