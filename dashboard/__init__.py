"""The home page: the clients and projects a user may see, at a glance."""
