package com.deskstats.desk;

/** How the client waits; tests record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  void sleep(long millis) throws InterruptedException;

  Sleeper REAL = Thread::sleep;
}
