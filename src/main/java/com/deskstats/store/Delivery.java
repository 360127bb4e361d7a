package com.deskstats.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * One recorded digest delivery (or test send) and its outcome.
 *
 * @param day the Desk day the digest reports
 * @param attempts how many times chat.postMessage was tried (0 when nothing was posted)
 * @param claimedBy the node that claimed the delivery
 * @param error the reason a delivery failed or was skipped, or a note on a sent one (e.g. the chart failed)
 * @param messageTs the posted message's ts, set as soon as Slack accepted the message
 * @param nextAttempt when a delivery waiting to be retried is tried next
 * @param retryUntil the end of a retried delivery's grace: then it is recorded as failed
 * @param cadence {@code daily} or {@code weekly} (see {@link DeliveryKey})
 * @param group the group the digest covers; empty for the whole team
 */
public record Delivery(
    long id,
    String channelId,
    LocalDate day,
    Kind kind,
    Status status,
    int attempts,
    String claimedBy,
    Instant claimedAt,
    Optional<Instant> finishedAt,
    Optional<String> error,
    Optional<String> messageTs,
    Optional<Instant> nextAttempt,
    Optional<Instant> retryUntil,
    String cadence,
    String group) {

  /** Which digest this is a delivery of: channel, cadence and group. */
  public DeliveryKey key() {
    return new DeliveryKey(channelId, cadence, group);
  }

  /** Scheduled deliveries count as the day's digest; test sends never do. */
  public enum Kind {
    SCHEDULED, TEST;

    String sql() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a delivery stands. */
  public enum Status {
    CLAIMED, SENT, FAILED, SKIPPED,
    /** Failed for a passing reason; tried again at nextAttempt until retryUntil. */
    RETRYING;

    String sql() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
