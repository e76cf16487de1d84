"""Problems found in a campaign (问题).

A problem is what self-inspection, raters, supervisors or complaints found wrong in a unit.
Here it is recorded and tracked by the campaign; sources, categories, consolidation (归类)
and the closing loop are the problems issue's and build on this value.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from xingfeng._checks import moment, text

__all__ = ["Problem"]


@attrs.frozen(kw_only=True)
class Problem:
    """A problem found in ``unit``: what was found and when it was recorded."""

    id: str = attrs.field(validator=text)
    unit: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    recorded_at: datetime = attrs.field(validator=moment)
