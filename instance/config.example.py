# Copy to instance/config.py and adjust. Environment variables of the same name win over this file.

# A long random string; generated into instance/secret_key on first run when neither this nor
# the SECRET_KEY environment variable is set. Every app server of one site must share it.
# SECRET_KEY = "..."

# PostgreSQL instead of the SQLite file in instance/ (the DATABASE_URL environment variable does the same).
# SQLALCHEMY_DATABASE_URI = "postgresql://crm:password@127.0.0.1:5432/crm"

# Where the login rate limit is counted: memory:// for one process, Redis for several app servers.
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"
# LOGIN_RATE_LIMIT = "10 per minute"

# Behind HTTPS, send the session cookie over HTTPS only.
# SESSION_COOKIE_SECURE = True

# The site's time zone (an IANA name): dates and times are shown in it, unless a client has its own zone
# (set on the client's form). Times are always stored in UTC.
# TIMEZONE = "Asia/Shanghai"
