package com.deskstats.desk;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pause shared by every Desk call of one client: when Desk rate-limits any call, every call waits until the
 * gate opens before it sends again.
 */
final class RateGate {
  private final AtomicLong notBefore = new AtomicLong(Long.MIN_VALUE);
  private final Clock clock;
  private final Sleeper sleeper;

  RateGate(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Closes the gate for {@code millis} from now (never shortens a pause already set). */
  void slowDown(long millis) {
    long until = clock.millis() + millis;
    notBefore.accumulateAndGet(until, Math::max);
  }

  /** Waits until the gate is open; waits again if another call extended the pause meanwhile. */
  void awaitTurn() throws InterruptedException {
    long waited = Long.MIN_VALUE;
    while (true) {
      long until = notBefore.get();
      if (until == waited) return;
      long wait = until - clock.millis();
      if (wait <= 0) return;
      sleeper.sleep(wait);
      waited = until;
    }
  }

  /** Milliseconds until the gate opens, 0 when open. */
  long remainingMillis() {
    return Math.max(0, notBefore.get() - clock.millis());
  }
}
