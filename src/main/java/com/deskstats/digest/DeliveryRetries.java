package com.deskstats.digest;

import com.deskstats.store.DeliveryRetryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a scheduled delivery that failed for a passing reason (Desk or Slack unavailable) is tried again (SPEC §5):
 * every {@link #EVERY} until its fire time plus DIGEST_GRACE; after that it is recorded as failed.
 */
final class DeliveryRetries {

  /** How long a delivery waits between attempts. */
  static final Duration EVERY = Duration.ofMinutes(10);

  private final DeliveryRetryStore deliveries;
  private final Duration grace;
  private final Clock clock;

  DeliveryRetries(DeliveryRetryStore deliveries, Duration grace, Clock clock) {
    this.deliveries = deliveries;
    this.grace = grace;
    this.clock = clock;
  }

  /** The end of the grace of a delivery that fired at {@code fireTime}. */
  Instant until(Instant fireTime) {
    return fireTime.plus(grace);
  }

  /**
   * Records the delivery as waiting for its next attempt and returns that time, or empty when the next attempt would
   * come after {@code until}: then the caller records it as failed.
   */
  Optional<Instant> later(long id, Instant until, String error, int attempts) {
    Instant next = clock.instant().plus(EVERY);
    if (next.isAfter(until)) return Optional.empty();
    deliveries.markRetrying(id, error, attempts, next, until);
    return Optional.of(next);
  }
}
