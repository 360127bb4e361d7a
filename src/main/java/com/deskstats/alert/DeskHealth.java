package com.deskstats.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the alerts could read Desk lately (SPEC §8): failed evaluations in a row, and whether the channels have
 * been told that Desk cannot be read.
 *
 * @param failures failed evaluations in a row
 * @param down true once the "cannot read Desk" notice went out, until Desk is read again
 * @param episode how many outages have been noticed: names each notice exactly once
 * @param since when the current run of failures began
 * @param reason the last failure's sentence
 */
public record DeskHealth(int failures, boolean down, int episode, Optional<Instant> since, Optional<String> reason) {

  /** Evaluations that fail in a row before the channels hear about it. */
  public static final int NOTICE_AFTER = 3;

  public static final DeskHealth OK = new DeskHealth(0, false, 0, Optional.empty(), Optional.empty());

  DeskHealth failed(Instant now, String why) {
    return new DeskHealth(failures + 1, down, episode, Optional.of(since.orElse(now)), Optional.of(why));
  }

  DeskHealth noticed() {
    return new DeskHealth(failures, true, episode + 1, since, reason);
  }

  DeskHealth readable() {
    return new DeskHealth(0, false, episode, Optional.empty(), Optional.empty());
  }
}
