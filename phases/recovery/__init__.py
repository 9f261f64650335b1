"""Recovery of troubled projects: the health check and the eight-step recovery."""
