"""Demo data: a consultancy with clients, users of every role and projects in different phases."""
