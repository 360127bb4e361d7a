package com.deskstats.bench;

import ch.qos.logback.classic.Level;
import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.Period;
import com.deskstats.stats.ReportService;
import com.deskstats.store.Database;
import com.deskstats.store.DayStore;
import com.deskstats.testing.CountingDeskSource;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * An agent card of one agent of a 1,000-agent team with its 14 trend days all cached (H2 in memory): the time from
 * asking to the rendered Block Kit message, and the Desk requests made (none once cached).
 */
public final class CardBench {

  private static final int AGENTS = 1_000;
  private static final int WARMUP = 100;
  private static final int CALLS = 200;

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    Settings settings = Settings.load(Map.of("DATABASE_URL", "jdbc:h2:mem:card-bench;DB_CLOSE_DELAY=-1"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (HikariDataSource ds = Database.open(settings)) {
      Database.migrate(ds);
      CountingDeskSource desk = CountingDeskSource.ofTeam(AGENTS);
      Clock clock = Clock.systemUTC();
      CachedDays days = new CachedDays(desk, new DayStore(ds), "1400000001@Asia/Shanghai", zone, Duration.ofHours(2),
          clock, new Metrics(false));
      ReportService reports = new ReportService(days, zone, 3, 10, clock, pool);
      Period yesterday = Period.day(LocalDate.now(zone).minusDays(2)); // closed whatever the hour
      String agent = "agent-" + (500 * 7919L % 100_003) + "-500";
      ReportBlocks.Options options = ReportBlocks.Options.plain(LocalDate.now(zone), clock.instant());
      AgentCard first = reports.card(yesterday, agent).orElseThrow(() -> new IllegalStateException("no such agent"));
      int filled = desk.calls();
      for (int i = 0; i < WARMUP; i++) ReportBlocks.card(reports.card(yesterday, agent).orElseThrow(), options);
      int before = desk.calls();
      double[] ms = new double[CALLS];
      for (int i = 0; i < CALLS; i++) {
        long s = System.nanoTime();
        ReportBlocks.card(reports.card(yesterday, agent).orElseThrow(), options);
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      int requests = desk.calls() - before;
      // Where the time goes: the 14 cached days read one after another, and the report alone (2 days).
      double[] daysMs = new double[20];
      double[] reportMs = new double[20];
      for (int i = 0; i < 20; i++) {
        long s = System.nanoTime();
        for (LocalDate d : com.deskstats.stats.AgentTrends.days(yesterday)) days.day(d);
        daysMs[i] = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        reports.report(yesterday);
        reportMs[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(daysMs);
      Arrays.sort(reportMs);
      System.out.printf("breakdown (p50): 14 cached days read in sequence %.1f ms; report of the day (2 days) %.1f ms%n",
          daysMs[10], reportMs[10]);
      Arrays.sort(ms);
      System.out.printf("card of 1 of %d agents, 14 trend days cached (%d days filled the cache; line %s):"
              + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d calls; Desk requests: %d%n",
          AGENTS, filled, first.trends().sessions().line(), ms[CALLS / 2], ms[CALLS * 9 / 10], ms[CALLS * 99 / 100],
          ms[CALLS - 1], CALLS, requests);
      if (requests != 0) throw new IllegalStateException("the cached card called Desk");
    } finally {
      pool.shutdownNow();
    }
  }
}
