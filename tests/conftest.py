"""Hypothesis profiles: a fast default for everyday ``make test``, ``ci`` for CI (``CI=true``,
set by ``.ci/run``) or ``HYPOTHESIS_PROFILE=ci``."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
