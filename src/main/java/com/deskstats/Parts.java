package com.deskstats;

import com.deskstats.config.Settings;
import com.deskstats.desk.DeskSource;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.ReportService;
import com.deskstats.store.DayStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The parts the served bot and the preview commands build alike, from the same settings. */
final class Parts {
  private Parts() {}

  static CachedDays cachedDays(Settings settings, DeskSource desk, DayStore store, Clock clock, Metrics metrics) {
    return new CachedDays(desk, store, CachedDays.scope(settings), settings.deskTimezone(),
        settings.deskSettle(), clock, metrics);
  }

  static ReportService reports(Settings settings, DaySource days, Clock clock, ExecutorService pool) {
    return new ReportService(days, settings.deskTimezone(), settings.minRatings(), settings.topN(), clock,
        RequestIds.propagating(pool));
  }

  /** The days a report fetches at once; whoever makes it shuts it down. */
  static ExecutorService reportPool() {
    return Executors.newFixedThreadPool(4, threads("report"));
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, …: none of them may hold the JVM up. */
  static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Waits for {@code f}; a failure is thrown as it is (a StoreException keeps its one-line message), not wrapped. */
  static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }
}
