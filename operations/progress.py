"""Progress lines for long commands: done/total, percentage and rate, at most once a second."""

import time


def human_bytes(count):
    for unit in ("o", "Ko", "Mo", "Go"):
        if count < 1024 or unit == "Go":
            return f"{count:.0f} {unit}" if unit == "o" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} o"  # pragma: no cover


class Progress:
    """``Progress(write, "Médias", total=340, size=True)``; ``advance(n)``; ``finish()``.

    With ``size=True`` the amounts are bytes and the rate is shown in Mo/s."""

    def __init__(self, write, label, total, size=False, every=1.0, clock=time.monotonic):
        self.write, self.label, self.total, self.size = write, label, total, size
        self.every, self.clock = every, clock
        self.done = 0
        self.started = self.last = clock()

    def _amount(self, value):
        return human_bytes(value) if self.size else str(value)

    def line(self):
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        percent = f" ({100 * self.done / self.total:.0f} %)" if self.total else ""
        rate_text = f"{human_bytes(rate)}/s" if self.size else f"{rate:.0f}/s"
        return (
            f"{self.label} : {self._amount(self.done)}/{self._amount(self.total)}"
            f"{percent}, {rate_text}"
        )

    def advance(self, amount=1):
        self.done += amount
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            self.write(self.line())

    def finish(self):
        self.write(self.line())
