"""Implementation projects: phases of a methodology, milestones, gates, rollout and recovery."""
