"""What the workflow asks of the apps above it (docs/adr/0012-layers.md).

The learner's application page shows what the assessment says: when a decision is likely, and
the assessor's feedback on a returned attempt. Applications do not import the assessment app (it
is built on them), so the assessment app answers these.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rosette.core.hooks import Hook

#: ``projected_decision_date(application=) -> date | None``. Answered by
#: ``rosette.assessment.selectors.projected_decision_date``.
projected_decision_date: Hook[Callable[..., date | None]] = Hook(
    "when is a decision on this submitted application likely"
)

#: ``attempt_feedback(attempt=) -> (decision | None, [(question | None, text), ...])``: the
#: assessor's feedback on a returned attempt, nothing for a declined one. Answered by
#: ``rosette.assessment.selectors.attempt_feedback``.
attempt_feedback: Hook[Callable[..., tuple[Any, list[tuple[Any, str]]]]] = Hook(
    "what did the assessor say about this returned attempt"
)
