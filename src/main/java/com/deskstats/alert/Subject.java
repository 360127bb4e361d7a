package com.deskstats.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one subject of a rule stands today: the team (or group) as a whole, or one agent of a per-agent rule.
 *
 * @param over true while the condition holds and has been posted (it gets a recovery note when it stops)
 * @param since when it was posted as over (meaningful while {@code over})
 * @param value the latest value seen
 * @param lastPost when an alert last named it as newly over; the cooldown runs from here
 */
record Subject(boolean over, Instant since, double value, Optional<Instant> lastPost) {

  Subject withValue(double v) {
    return new Subject(over, since, v, lastPost);
  }

  Subject recovered(double v) {
    return new Subject(false, since, v, lastPost);
  }
}
