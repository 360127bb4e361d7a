package com.deskstats.bench;

import com.deskstats.desk.AgentRow;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Chart;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportService;
import com.deskstats.testing.RenderFixtures;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rendering a 10,000-agent report: Block Kit (ReportBlocks.report + toJson) and the chart PNG, after warm-up.
 * {@code mvn -o -q test-compile exec:java -Dbench=RenderBench}
 */
public final class RenderBench {
  private RenderBench() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Report r = report(agents);
    ReportBlocks.Options o = new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW);

    long sink = 0;
    for (int i = 0; i < 2_000; i++) sink += ReportBlocks.toJson(ReportBlocks.report(r, o)).length();
    double[] blocks = new double[2_000];
    for (int i = 0; i < blocks.length; i++) {
      long t = System.nanoTime();
      sink += ReportBlocks.toJson(ReportBlocks.report(r, o)).length();
      blocks[i] = (System.nanoTime() - t) / 1e6;
    }
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, r.agents().get(agents / 2).agentId()), o);
    sink += ReportBlocks.toJson(card).length();
    print("Block Kit report + JSON, " + agents + " agents", blocks);

    // Ranking (the stats package's ReportService.build over one day of rows) and rendering together.
    ReportService service = new ReportService(new DaySource() {
      @Override
      public DayRows day(LocalDate day) {
        throw new IllegalStateException("the bench builds from rows in hand");
      }

      @Override
      public boolean sample() {
        return false;
      }
    }, RenderFixtures.SHANGHAI, 3, 10, Clock.fixed(RenderFixtures.NOW, ZoneOffset.UTC), Runnable::run);
    Period day = Period.day(LocalDate.of(2026, 11, 24));
    List<DayRows> current = List.of(new DayRows(day.from(), rows(agents, 1), RenderFixtures.AS_OF));
    List<DayRows> previous = List.of(new DayRows(day.from().minusDays(1), rows(agents, 2), RenderFixtures.AS_OF));
    for (int i = 0; i < 300; i++) sink += ReportBlocks.toJson(ReportBlocks.report(service.build(day, current, previous), o)).length();
    double[] both = new double[300];
    for (int i = 0; i < both.length; i++) {
      long t = System.nanoTime();
      sink += ReportBlocks.toJson(ReportBlocks.report(service.build(day, current, previous), o)).length();
      both[i] = (System.nanoTime() - t) / 1e6;
    }
    print("Ranking + Block Kit + JSON, " + agents, both);

    for (int i = 0; i < 15; i++) sink += Chart.png(r).length;
    double[] chart = new double[40];
    for (int i = 0; i < chart.length; i++) {
      long t = System.nanoTime();
      sink += Chart.png(r).length;
      chart[i] = (System.nanoTime() - t) / 1e6;
    }
    print("Chart PNG, " + agents + " agents", chart);
    System.out.println("(checksum " + sink + ")");
  }

  private static void print(String what, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(ms).average().orElse(0);
    double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
    System.out.printf(Locale.ENGLISH, "%-40s mean %8.3f ms   p99 %8.3f ms   (%d runs)%n", what, mean, p99, ms.length);
  }

  private static List<AgentRow> rows(int size, int salt) {
    List<AgentRow> rows = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long sessions = 5 + (i * 7L + salt) % 60;
      long unreplied = i % 7 == 0 ? 2 : 0;
      long answered = sessions - unreplied;
      long rated = answered / 3;
      rows.add(new AgentRow("agent" + i + "@bench.example", "王伟" + i, 1_795_136_400L, 1_795_165_200L, 18_000, 7_200,
          2_700, sessions, 1, answered, answered / 2, sessions, sessions * 300, sessions * 20, answered * 9, sessions * 9,
          unreplied, 5 + (i + salt) % 120, answered / 2, 20, answered / 3, 300, rated, rated * (i % 10) / 10));
    }
    return rows;
  }

  private static Report report(int size) {
    List<AgentStats> agents = new ArrayList<>(size);
    String[] names = {"李娜", "<!channel> Bob & Co", "Zoë Müller", "", "Sam 🚀", "王伟".repeat(100)};
    for (int i = 0; i < size; i++) {
      long sessions = 5 + i % 60;
      long unreplied = i % 7 == 0 ? 2 : 0;
      long rated = (sessions - unreplied) / 3;
      agents.add(RenderFixtures.agent("agent" + i + "@bench.example", names[i % names.length] + i, sessions, unreplied,
          rated, rated * (i % 10) / 10, 5 + i % 120, (sessions - unreplied) / 2));
    }
    return RenderFixtures.report(Period.day(LocalDate.of(2026, 11, 24)), agents, true, 3, 10);
  }
}
