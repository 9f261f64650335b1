"""Group rollout: the matrix of units × functions, pilots, waves, tiers, supervision and training."""
