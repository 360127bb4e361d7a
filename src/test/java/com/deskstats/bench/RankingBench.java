package com.deskstats.bench;

import com.deskstats.desk.AgentRow;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Aggregation;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Leaderboards;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportService;
import com.deskstats.stats.TeamMetrics;
import ch.qos.logback.classic.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the domain half of a 10,000-agent report (aggregate days, rank both boards, summary, needs attention,
 * medians) after warm-up; rendering is measured by the Block Kit benchmark.
 * Run: {@code mvn -o -q test-compile exec:java -Dbench=RankingBench}.
 */
public final class RankingBench {

  private static final int AGENTS = 10_000;
  private static final int WARMUP = 40;
  private static final int RUNS = 200;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate LAST = LocalDate.of(2026, 11, 24);

  private static volatile Object sink;

  public static void main(String[] args) {
    // Logback's default is DEBUG to the console: keep per-report lines out of the timings.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    Map<LocalDate, DayRows> days = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 14; i++) {
      LocalDate d = LAST.minusDays(i);
      days.put(d, new DayRows(d, team(random, d), Instant.parse("2026-11-25T00:00:00Z")));
    }
    System.out.printf("RankingBench: %,d agents, %d warm-up runs, %d timed runs%n", AGENTS, WARMUP, RUNS);
    for (int n : new int[] {1, 7}) {
      Period period = new Period(LAST.minusDays(n - 1L), LAST);
      List<DayRows> current = period.dates().stream().map(days::get).toList();
      time(n + " day(s): aggregate + boards + summary + attention + medians", () -> {
        List<AgentStats> agents = Aggregation.aggregate(current);
        sink = List.of(Leaderboards.satisfaction(agents, 3), Leaderboards.firstResponse(agents),
            TeamMetrics.summary(agents), TeamMetrics.needsAttention(agents), TeamMetrics.medians(agents));
      });
      List<AgentStats> agents = Aggregation.aggregate(current);
      time(n + " day(s):   of which aggregate", () -> sink = Aggregation.aggregate(current));
      time(n + " day(s):   of which satisfaction board", () -> sink = Leaderboards.satisfaction(agents, 3));
      time(n + " day(s):   of which first-response board", () -> sink = Leaderboards.firstResponse(agents));
      time(n + " day(s):   of which summary + needs attention", () -> sink = List.of(TeamMetrics.summary(agents),
          TeamMetrics.needsAttention(agents)));
      time(n + " day(s):   of which medians", () -> sink = TeamMetrics.medians(agents));
      DaySource source = new DaySource() {
        @Override
        public DayRows day(LocalDate day) {
          return days.get(day);
        }

        @Override
        public boolean sample() {
          return false;
        }
      };
      ReportService service = new ReportService(source, ZONE, 3, 10, Clock.systemUTC(), Runnable::run);
      time(n + " day(s): ReportService.report (period + previous, in memory)", () -> {
        try {
          Report r = service.report(period);
          sink = r;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  /** Wall time, and the thread's CPU time, which stays honest when other processes crowd the cores. */
  private static void time(String label, Runnable work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) work.run();
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      work.run();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    System.out.printf("  %-70s wall %s | cpu %s%n", label, figures(wall), figures(cpu));
  }

  private static String figures(double[] ms) {
    double[] v = ms.clone();
    Arrays.sort(v);
    double mean = Arrays.stream(v).average().orElse(0);
    return String.format("mean %6.2f p50 %6.2f p99 %6.2f ms", mean, v[v.length / 2], v[(int) Math.ceil(v.length * 0.99) - 1]);
  }

  /** A day of a large team: most agents work, some are idle, some ignore every chat, ratings are sparse. */
  private static List<AgentRow> team(SplittableRandom r, LocalDate day) {
    List<AgentRow> rows = new ArrayList<>(AGENTS);
    long dayStart = day.atStartOfDay(ZONE).toEpochSecond();
    for (int i = 0; i < AGENTS; i++) {
      String id = "agent" + i + "@example.com";
      if (r.nextInt(20) == 0) {
        rows.add(new AgentRow(id, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        continue;
      }
      long sessions = r.nextInt(60);
      long unreplied = r.nextInt(50) == 0 ? sessions : Math.min(sessions, r.nextInt(3));
      long answered = sessions - unreplied;
      long rated = r.nextInt((int) sessions / 2 + 1);
      long satisfied = rated == 0 ? 0 : r.nextLong(rated + 1);
      long accept = sessions * (60 + r.nextInt(600));
      rows.add(new AgentRow(id, "客服 " + i, dayStart + 8 * 3600 + r.nextInt(3600), dayStart + 17 * 3600 + r.nextInt(3600),
          r.nextInt(10_000), r.nextInt(20_000), r.nextInt(3_000), sessions, r.nextInt(3), answered, answered,
          sessions, accept, sessions * 20, sessions * 9, sessions * 11, unreplied, answered == 0 ? 0 : 3 + r.nextInt(90),
          answered == 0 ? 0 : r.nextLong(answered + 1), answered == 0 ? 0 : 5 + r.nextInt(60),
          answered == 0 ? 0 : r.nextLong(answered + 1), sessions == 0 ? 0 : accept / sessions, rated, satisfied));
    }
    return rows;
  }
}
