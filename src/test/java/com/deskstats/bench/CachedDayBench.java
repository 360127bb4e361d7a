package com.deskstats.bench;

import ch.qos.logback.classic.Level;
import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.DayRows;
import com.deskstats.store.DayStore;
import com.deskstats.store.Database;
import com.deskstats.testing.CountingDeskSource;
import com.deskstats.testing.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * A cached closed day of 1,000 agents: latency of CachedDays.day on the cached path, and Desk calls made.
 * H2 file and in-memory; add {@code -Dbench.postgres=true} for the embedded PostgreSQL too.
 */
public final class CachedDayBench {

  private static final int AGENTS = 1_000;
  private static final int WARMUP = 300;
  private static final int CALLS = 200;

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    Path dir = Files.createTempDirectory("cached-day-bench");
    try {
      run("H2 file", "jdbc:h2:file:" + dir.resolve("desk-stats") + ";AUTO_SERVER=FALSE");
      run("H2 mem ", "jdbc:h2:mem:cached-day-bench;DB_CLOSE_DELAY=-1");
      if (Arrays.asList(args).contains("postgres") || Boolean.getBoolean("bench.postgres")) {
        run("PostgreSQL (embedded)", Databases.Kind.POSTGRES.freshUrl());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(String label, String url) throws Exception {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    Settings settings = Settings.load(Map.of("DATABASE_URL", url));
    try (HikariDataSource ds = Database.open(settings)) {
      Database.migrate(ds);
      CountingDeskSource desk = CountingDeskSource.ofTeam(AGENTS);
      CachedDays days = new CachedDays(desk, new DayStore(ds), "1400000001@Asia/Shanghai", zone,
          Duration.ofHours(2), Clock.systemUTC(), new Metrics(false));
      LocalDate closed = LocalDate.now(zone).minusDays(3);

      long t0 = System.nanoTime();
      DayRows first = days.day(closed);
      double missMs = (System.nanoTime() - t0) / 1e6;

      for (int i = 0; i < WARMUP; i++) days.day(closed);
      int callsBefore = desk.calls();
      long[] gcBefore = gc();
      double[] ms = new double[CALLS];
      int rows = 0;
      for (int i = 0; i < CALLS; i++) {
        long s = System.nanoTime();
        DayRows r = days.day(closed);
        ms[i] = (System.nanoTime() - s) / 1e6;
        rows += r.rows().size();
      }
      int deskCalls = desk.calls() - callsBefore;
      long[] gcAfter = gc();
      // A warm miss: another closed day fetched from the (instant) fake Desk and saved in one batch.
      long t1 = System.nanoTime();
      days.day(closed.minusDays(1));
      double warmMissMs = (System.nanoTime() - t1) / 1e6;
      Arrays.sort(ms);
      System.out.printf("%s: %d agents; first miss (fetch + save, cold JVM) %.1f ms, warm miss %.1f ms; cached path over %d calls after %d warm-up:"
              + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; GCs during them %d (%d ms);"
              + " Desk requests on the cached path: %d (rows read %d, first %d)%n",
          label, AGENTS, missMs, warmMissMs, CALLS, WARMUP, pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1],
          gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], deskCalls, rows, first.rows().size());
      if (deskCalls != 0 || rows != CALLS * AGENTS) throw new IllegalStateException("the cached path called Desk");
    }
  }

  /** Collections so far and their total milliseconds, over every collector. */
  private static long[] gc() {
    long n = 0;
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new long[] {n, ms};
  }

  private static double pct(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
