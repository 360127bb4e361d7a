package com.deskstats.bench;

import ch.qos.logback.classic.Level;
import com.deskstats.config.Settings;
import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskClient;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportService;
import com.deskstats.store.Database;
import com.deskstats.store.DayStore;
import com.deskstats.testing.DeskFakes;
import com.deskstats.warmup.CacheWarmer;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.slf4j.LoggerFactory;

/**
 * The first report of a day nobody asked for yet: 1,000 agents, 100 ms per Desk call, default settings, built as
 * Main builds it (DeskClient, CachedDays on H2, ReportService). It reads the day and its comparison day: the time
 * is given against the sequential floor of every call it made. Then a warmed morning: the day warmed by
 * {@link CacheWarmer} first, the report costs no Desk call.
 *
 * <p>{@code -Dbench.deskCap=N} makes the fake Desk answer 141009 (rate limited) to a call that finds N calls in
 * flight already, to count the rate-limit answers a report causes.
 */
public final class FirstReportBench {

  private static final int AGENTS = 1000;
  private static final long DESK_MILLIS = 100;
  private static final int WARMUP = 3;
  private static final int RUNS = 11;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.deskstats")).setLevel(Level.WARN);
    int cap = Integer.getInteger("bench.deskCap", 0);
    List<AgentRow> team = DeskFakes.team(AGENTS);
    Map<Integer, String> pages = new HashMap<>();
    for (int offset = 0; offset < AGENTS; offset += 100) {
      pages.put(offset, DeskFakes.okPage(AGENTS, team.subList(offset, Math.min(AGENTS, offset + 100))));
    }
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger limited = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    OkHttpClient http = new OkHttpClient();
    ExecutorService reportPool = Executors.newFixedThreadPool(4);
    try (MockWebServer server = DeskFakes.server()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          calls.incrementAndGet();
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          try {
            // The delay is served here, so that calls in flight overlap as they would at Desk.
            Thread.sleep(DESK_MILLIS);
            if (cap > 0 && now > cap) {
              limited.incrementAndGet();
              return DeskFakes.error(141009);
            }
            return DeskFakes.json(pages.getOrDefault(DeskFakes.request(request).offset(), DeskFakes.okPage(AGENTS, List.of())));
          } finally {
            inFlight.decrementAndGet();
          }
        }
      });
      server.start();
      Settings settings = Settings.load(Map.of(
          "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID), "DESK_SECRET_KEY", DeskFakes.SECRET,
          "DESK_API_URL", server.url("/").toString(), "DATABASE_URL", "jdbc:h2:mem:first-report-bench;DB_CLOSE_DELAY=-1"));
      Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneId.of("UTC"));
      try (DeskClient desk = DeskClient.create(settings, http, new Metrics(false));
          HikariDataSource db = Database.open(settings)) {
        Database.migrate(db);
        CachedDays days = new CachedDays(desk, new DayStore(db), CachedDays.scope(settings), ZONE,
            settings.deskSettle(), clock, new Metrics(false));
        ReportService reports = new ReportService(days, ZONE, settings.minRatings(), settings.topN(), clock,
            RequestIds.propagating(reportPool));
        System.out.printf("FirstReportBench: %d agents, %d ms per Desk call, default settings (DESK_PARALLELISM %d)%s%n",
            AGENTS, DESK_MILLIS, settings.deskParallelism(), cap > 0 ? ", Desk rate-limits beyond " + cap + " calls in flight" : "");
        LocalDate day = LocalDate.of(2026, 11, 20);
        for (int i = 0; i < WARMUP; i++) {
          reports.report(Period.day(day));
          day = day.minusDays(40);
        }
        int warmupAnswers = limited.get();
        double[] ratios = new double[RUNS];
        long[] millis = new long[RUNS];
        int totalCalls = 0;
        calls.set(0);
        limited.set(0);
        maxInFlight.set(0);
        for (int i = 0; i < RUNS; i++) {
          int before = calls.get();
          long t0 = System.nanoTime();
          Report r = reports.report(Period.day(day));
          millis[i] = (System.nanoTime() - t0) / 1_000_000;
          int made = calls.get() - before;
          totalCalls += made;
          ratios[i] = millis[i] / (double) (made * DESK_MILLIS);
          if (r.agents().size() != AGENTS) throw new AssertionError("agents: " + r.agents().size());
          day = day.minusDays(40);
        }
        Arrays.sort(ratios);
        Arrays.sort(millis);
        System.out.printf("  fresh cache: %.1f Desk calls a report, median %d ms (min %d, max %d); median/floor = %.2f"
                + " (target <= 0.40: %s); max %d calls in flight; %d rate-limit answers over %d reports%n",
            totalCalls / (double) RUNS, millis[RUNS / 2], millis[0], millis[RUNS - 1], ratios[RUNS / 2],
            ratios[RUNS / 2] <= 0.40 ? "met" : "MISSED", maxInFlight.get(), limited.get(), RUNS);
        System.out.printf("  (the %d reports before those, from a fresh client: %d rate-limit answers)%n", WARMUP, warmupAnswers);

        // The warmed morning: the warm-up read the day (and its comparison day) when it closed.
        CacheWarmer warmer = new CacheWarmer(reports, days);
        LocalDate yesterday = warmer.lastClosedDay();
        warmer.warm(yesterday);
        int before = calls.get();
        long[] warmed = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
          long t0 = System.nanoTime();
          reports.report(Period.day(yesterday));
          warmed[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long first = warmed[0];
        Arrays.sort(warmed);
        System.out.printf("  warmed morning: %d Desk calls over %d reports; first %d ms, median %d ms%n",
            calls.get() - before, RUNS, first, warmed[RUNS / 2]);
      }
    } finally {
      reportPool.shutdown();
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }
  }
}
