"""Users, roles, client companies (tenants), consultant assignments, sign-in and tenant scoping."""
