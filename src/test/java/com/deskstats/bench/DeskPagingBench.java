package com.deskstats.bench;

import ch.qos.logback.classic.Level;
import com.deskstats.config.Settings;
import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskClient;
import com.deskstats.ops.Metrics;
import com.deskstats.testing.DeskFakes;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.slf4j.LoggerFactory;

/**
 * Time to a full day of 1,000 agents when each Desk call takes 100 ms, against the sequential floor of
 * 10 pages x 100 ms. Target: at most half the floor with the default parallelism.
 */
public final class DeskPagingBench {

  private static final int AGENTS = 1000;
  private static final long DESK_MILLIS = 100;
  private static final int WARMUP = 3;
  private static final int RUNS = 10;

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(DeskClient.class)).setLevel(Level.WARN);
    List<AgentRow> team = DeskFakes.team(AGENTS);
    OkHttpClient http = new OkHttpClient();
    try (MockWebServer server = DeskFakes.server()) {
      // Pages are rendered once up front, so the figures measure the client, not the fake's JSON writing.
      Map<Integer, String> pages = new HashMap<>();
      for (int offset = 0; offset < AGENTS; offset += 100) {
        pages.put(offset, DeskFakes.okPage(AGENTS, team.subList(offset, Math.min(AGENTS, offset + 100))));
      }
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String body = pages.getOrDefault(DeskFakes.request(request).offset(), DeskFakes.okPage(AGENTS, List.of()));
          return DeskFakes.json(body).setHeadersDelay(DESK_MILLIS, TimeUnit.MILLISECONDS);
        }
      });
      server.start();
      long floor = (long) Math.ceil(AGENTS / 100.0) * DESK_MILLIS;
      System.out.printf("DeskPagingBench: %d agents, %d ms per Desk call, sequential floor %d ms%n", AGENTS, DESK_MILLIS, floor);
      for (String parallelism : new String[] {"4", "1", "8"}) {
        Settings settings = Settings.load(Map.of(
            "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID), "DESK_SECRET_KEY", DeskFakes.SECRET,
            "DESK_API_URL", server.url("/").toString(), "DESK_PARALLELISM", parallelism));
        try (DeskClient client = DeskClient.create(settings, http, new Metrics(false))) {
          LocalDate day = LocalDate.of(2025, 1, 13);
          for (int i = 0; i < WARMUP; i++) check(client.fetchDay(day, Set.of()), team);
          long[] millis = new long[RUNS];
          for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            List<AgentRow> rows = client.fetchDay(day, Set.of());
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
            check(rows, team);
          }
          Arrays.sort(millis);
          long median = millis[RUNS / 2];
          boolean dflt = parallelism.equals("4");
          System.out.printf("  parallelism %s%s: min %d ms, median %d ms, max %d ms; median/floor = %.2f%s%n",
              parallelism, dflt ? " (default)" : "", millis[0], median, millis[RUNS - 1], median / (double) floor,
              dflt ? (median <= floor / 2 ? " (target <= 0.50: met)" : " (target <= 0.50: MISSED)") : "");
        }
      }
    } finally {
      // Idle keep-alive connections would otherwise hold exec:java open until they time out.
      http.connectionPool().evictAll();
      http.dispatcher().executorService().shutdown();
    }
  }

  private static void check(List<AgentRow> rows, List<AgentRow> team) {
    if (!rows.equals(team)) throw new AssertionError("wrong rows: " + rows.size());
  }
}
