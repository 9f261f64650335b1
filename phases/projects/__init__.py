"""Projects: phases from methodology templates, milestones with baselines, quality gates and status updates."""
