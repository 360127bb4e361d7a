package com.deskstats.delivery;

import java.time.Duration;

/** Waits between Slack retries (and the digest's catch-up); tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
