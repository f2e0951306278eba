"""How many outbox entries a station's next batch holds: small while the district answers slowly.

A batch's answer takes as long as the district needs for the batches queued before it plus its
own: when 125 stations push at once, a batch waits for the others' (Little's law), so its time
grows with the size of every station's batches. One station alone with a backlog is best served
by large batches (fewer round trips and transactions on both sides). So a station starts small
and doubles its batches while answers come quickly (quadruples them while they come at once, as
from an idle district: a handful of small batches was an eighth of a lone station's push), and
halves them when an answer took longer than ``TARGET_S``, like a network's congestion control.
Smaller batches when the district is busy also keep the progress bar moving, make cancel take
effect soon, and cost less to send again when a poor connection drops.
"""

from __future__ import annotations

TARGET_S = 0.5  # an answer slower than this halves the batches
QUICK_S = TARGET_S / 2  # an answer quicker than this doubles them
AT_ONCE_S = TARGET_S / 8  # and one quicker than this quadruples them
SMALLEST = 50  # ops in a batch at least (unless the largest allowed is smaller)


class BatchSizer:
    """The size of the next batch, between ``SMALLEST`` and ``largest``, after the answers so far."""

    def __init__(self, largest: int) -> None:
        if largest < 1:
            raise ValueError(f"a batch holds at least one entry, not {largest}")
        self.largest = largest
        self.smallest = min(SMALLEST, largest)
        self.size = self.smallest

    def limit(self, largest: int) -> None:
        """From now on batches hold ``largest`` entries at most (the district said what it takes);
        the size reached so far is kept within it."""
        self.largest = max(1, largest)
        self.smallest = min(SMALLEST, self.largest)
        self.size = max(self.smallest, min(self.size, self.largest))

    def answered(self, entries: int, seconds: float) -> None:
        """A batch of ``entries`` was answered ``seconds`` after it was sent.

        Growth is judged by what a batch of the current size would take at this one's pace: a
        batch picked before the size grew (the next is picked while others are on their way)
        then counts as well, and the last few entries of a backlog, whose answer is mostly the
        fixed cost of a batch, do not make the next batch of a full one look quick."""
        if seconds > TARGET_S:
            self.size = max(self.smallest, self.size // 2)
        elif entries > 0:
            full = seconds * self.size / entries
            if full < QUICK_S:
                self.size = min(self.largest, self.size * (4 if full < AT_ONCE_S else 2))
