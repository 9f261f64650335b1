"""The pages that show a project whole: its overview page and the portfolio of projects, composed of every sub-feature."""
