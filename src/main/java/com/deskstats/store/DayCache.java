package com.deskstats.store;

import com.deskstats.config.Settings;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The day cache's side of the database: its own pool with a short connection timeout, the breaker that skips the
 * database while it is down (shared with the digest's stores through {@link #guard()}), and the bounded writer
 * that keeps saves off replies. Main opens it after migrating and closes it before the main pool.
 */
public record DayCache(HikariDataSource pool, DatabaseGuard guard, ThreadPoolExecutor writer, DayStore days) {

  /** Saves waiting beyond this many are dropped: the day is fetched from Desk again next time. */
  static final int WRITE_QUEUE = 64;

  public static DayCache open(Settings settings) {
    DatabaseGuard guard = new DatabaseGuard();
    HikariDataSource pool = Database.openCache(settings);
    ThreadPoolExecutor writer = DayStore.boundedWriter(WRITE_QUEUE);
    return new DayCache(pool, guard, writer, new DayStore(guard.guard(pool), writer, guard::available));
  }

  /** Lets waiting saves finish briefly, then closes the pool. */
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(2, TimeUnit.SECONDS)) writer.shutdownNow();
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    pool.close();
  }
}
