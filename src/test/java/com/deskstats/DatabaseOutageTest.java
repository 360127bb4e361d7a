package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import com.deskstats.store.DatabaseGuard;
import com.deskstats.store.StoreUnavailableException;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.LogCapture;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.RestartablePostgres;
import com.deskstats.testing.SlackSigner;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.TriggerKey;

/**
 * The whole bot on a real PostgreSQL that is stopped mid-run and started again on the same port and data directory:
 * reports keep coming from Desk without waiting on the database, changes are refused in one sentence with nothing
 * saved, and everything is back without a restart.
 */
class DatabaseOutageTest {

  static final String BOT_TOKEN = "xoxb-1111-2222-outage";
  static final String SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(20);
  /** 20:00 in Shanghai: every day asked for is closed, so it is cached. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path data;
  final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final AtomicInteger ids = new AtomicInteger();

  @Test
  void databaseStoppedMidRunServesReportsRefusesChangesAndRecoversWithoutRestart() throws Exception {
    try (RestartablePostgres pg = new RestartablePostgres(data.resolve("pg"));
        FakeSlack slack = new FakeSlack().requireToken(BOT_TOKEN).user("UADMIN", "admin@example.com", true, false)
            .channel("C1", "support").channel("CNEW", "new-digest");
        ResponseUrlServer responses = new ResponseUrlServer();
        LogCapture guardLog = LogCapture.of(DatabaseGuard.class)) {
      MockWebServer desk = DeskFakes.server();
      desk.setDispatcher(DeskFakes.pages(DeskFakes.team(12)));
      desk.start();
      Bot.Running running = Bot.start(Settings.load(Map.of(
          "SLACK_API_URL", slack.apiUrl(), "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET,
          "PORT", "0", "DATABASE_URL", pg.jdbcUrl(), "DATABASE_USER", "postgres", "BOT_ADMINS", "UADMIN",
          "DESK_API_URL", desk.url("/").toString(), "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID),
          "DESK_SECRET_KEY", DeskFakes.SECRET)), CLOCK);
      try {
        DatabaseGuard guard = running.cache().guard();
        // Healthy: a closed day is fetched once, then cached (off the reply's thread).
        assertThat(report(running, responses, "2026-11-20")).contains("*Satisfaction*");
        awaitCached(pg, "2026-11-20");
        assertThat(health(running).statusCode()).isEqualTo(200);

        pg.stop();

        // Down: the first cache read finds out, and from then on the database is skipped without a try.
        int deskBefore = desk.getRequestCount();
        assertThat(report(running, responses, "last 3 days")).contains("*Satisfaction*").contains("Agent 1");
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        long refusedBefore = guard.refusedCalls();
        // The cached day cannot be read now, so it comes from Desk, and the cache is not even asked.
        int deskMid = desk.getRequestCount();
        assertThat(deskMid).isGreaterThan(deskBefore);
        assertThat(report(running, responses, "2026-11-20")).contains("*Satisfaction*");
        assertThat(desk.getRequestCount()).isGreaterThan(deskMid);
        assertThat(guard.refusedCalls()).isGreaterThan(refusedBefore);

        // A change: one sentence, nothing saved, nothing scheduled.
        assertThat(command(running, responses, "subscribe <#CNEW|new-digest> 08:00", "UADMIN"))
            .contains(StoreUnavailableException.SENTENCE);
        HttpResponse<String> down = health(running);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"database\":{\"status\":\"down\"");
        assertThat(guardLog.events()).filteredOn(e -> e.getLevel().toString().equals("WARN")).hasSize(1)
            .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());

        pg.start();

        // Back: within a probe period a request finds the database again, without a restart.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!guard.available() && System.nanoTime() < deadline) {
          command(running, responses, "subscriptions", "UADMIN");
          Thread.sleep(250);
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(guardLog.lines()).filteredOn(l -> l.startsWith("Database reachable again")).hasSize(1);
        assertThat(guardLog.events()).filteredOn(e -> e.getLevel().toString().equals("WARN")).hasSize(1);
        assertThat(storedSubscriptions(pg)).isZero();
        assertThat(running.digest().scheduler().getTrigger(TriggerKey.triggerKey("CNEW", "digest"))).isNull();
        assertThat(health(running).statusCode()).isEqualTo(200);

        // The cached day is read from the database again: no Desk call.
        int deskAfter = desk.getRequestCount();
        assertThat(report(running, responses, "2026-11-20")).contains("*Satisfaction*");
        assertThat(desk.getRequestCount()).isEqualTo(deskAfter);
        // And changes are saved again.
        assertThat(command(running, responses, "subscribe <#CNEW|new-digest> 08:00", "UADMIN"))
            .contains("will get the daily digest");
        assertThat(storedSubscriptions(pg)).isEqualTo(1);
      } finally {
        running.stop();
        desk.shutdown();
      }
    }
  }

  private String report(Bot.Running running, ResponseUrlServer responses, String text) throws Exception {
    return command(running, responses, text, "U1");
  }

  private String command(Bot.Running running, ResponseUrlServer responses, String text, String user)
      throws Exception {
    String id = "o" + ids.incrementAndGet();
    HttpResponse<String> ack = http.send(signer.form(URI.create("http://127.0.0.1:" + running.port() + "/slack/events"),
        MainProcessTest.commandBody(text, user, "C1", responses.url(id))), HttpResponse.BodyHandlers.ofString());
    assertThat(ack.statusCode()).isEqualTo(200);
    ResponseUrlServer.Posted p = responses.await(id, WAIT);
    return p.body() + "\n" + p.text();
  }

  private HttpResponse<String> health(Bot.Running running) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitCached(RestartablePostgres pg, String day) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (count(pg, "SELECT count(*) FROM day_cache WHERE desk_day = DATE '" + day + "'") > 0) return;
      Thread.sleep(50);
    }
    throw new AssertionError("day " + day + " was never cached");
  }

  private static int storedSubscriptions(RestartablePostgres pg) throws Exception {
    return count(pg, "SELECT count(*) FROM subscription WHERE channel_id = 'CNEW'");
  }

  private static int count(RestartablePostgres pg, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
