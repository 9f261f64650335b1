"""Fixtures the status tests share with the issue log and the recovery tests."""

from tests.assess.test_results import answered  # noqa: F401  (an assessment with hand-computed scores)
from tests.phases.issues.conftest import world  # noqa: F401  (the same people and projects as the issue log)
