"""One rate limiter shared by every request of a client, from any thread.

EDGAR counts requests per second at its end, where network jitter can bunch
requests we sent evenly spaced; so the limiter spaces requests a little wider
than 1/rate (`headroom`), and no one-second window seen by the server holds
more than `rate` of them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Hand out request slots at most `rate` per second, evenly spaced.

    `acquire()` blocks until the caller's slot comes; slots are given out in
    the order callers arrive. Thread-safe: the lock is held only to book a
    slot, never while sleeping.

    >>> limiter = RateLimiter(10)
    >>> limiter.interval
    0.105
    """

    def __init__(self, rate: float, *, headroom: float = 0.05,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = round((1.0 + headroom) / rate, 9)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = float("-inf")

    def acquire(self) -> float:
        """Wait for the next free slot; return how long the caller waited, in seconds."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        wait = slot - now
        if wait > 0:
            self._sleep(wait)
        return wait
