package com.deskstats.digest;

import java.time.Duration;

/** Waits between Slack retries; tests record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
