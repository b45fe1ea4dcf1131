"""Small counts are suppressed in everything shared beyond the municipality (DESIGN.md §2).

A count of 1 to 4 (below `SMALL_COUNT_THRESHOLD`) could point at a person; it is shown
as "fewer than 5", and so is any amount from which it could be worked out. Zero is
not suppressed: it points at nobody.
"""

from __future__ import annotations


def threshold() -> int:
    from django.conf import settings

    return int(getattr(settings, "SMALL_COUNT_THRESHOLD", 5))


def is_small(count: int | None) -> bool:
    """Whether a count must not be shown outside its own municipality."""
    return count is not None and 0 < count < threshold()


def suppress(count: int | None) -> int | None:
    """The count, or None where it is small."""
    return None if is_small(count) else count
