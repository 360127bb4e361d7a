package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthTest {
  static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final Metrics metrics = new Metrics(false, clock);
  final AtomicBoolean schedulerStarted = new AtomicBoolean(true);
  JdbcDataSource db;
  Connection keepAlive;
  HttpServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void openDatabase() throws SQLException {
    db = new JdbcDataSource();
    // IFEXISTS: once the database is shut down, connecting fails instead of creating a fresh one.
    String name = "health-" + UUID.randomUUID();
    JdbcDataSource creator = new JdbcDataSource();
    creator.setURL("jdbc:h2:mem:" + name);
    keepAlive = creator.getConnection();
    db.setURL("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE");
  }

  @AfterEach
  void close() throws SQLException {
    if (server != null) server.stop(0);
    if (!keepAlive.isClosed()) keepAlive.close();
  }

  Health health() {
    return new Health(db, schedulerStarted::get, metrics, clock);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> check(Health.HealthReport report, String name) {
    return (Map<String, Object>) report.checks().get(name);
  }

  @Test
  void readyWhenTheDatabaseAnswersAndTheSchedulerHasStarted() {
    Health.HealthReport report = health().check();

    assertThat(report.ready()).isTrue();
    assertThat(report.status()).isEqualTo("ok");
    assertThat(check(report, "database")).containsEntry("status", "up");
    assertThat(check(report, "scheduler")).containsEntry("status", "started");
    assertThat(check(report, "desk")).containsEntry("status", "none");
  }

  @Test
  void notReadyWhenTheDatabaseIsGone() throws SQLException {
    keepAlive.createStatement().execute("SHUTDOWN");

    Health.HealthReport report = health().check();

    assertThat(report.ready()).isFalse();
    assertThat(report.status()).isEqualTo("down");
    assertThat(check(report, "database")).containsEntry("status", "down").containsKey("error");
  }

  @Test
  void notReadyBeforeTheSchedulerStarts() {
    schedulerStarted.set(false);

    Health.HealthReport report = health().check();

    assertThat(report.ready()).isFalse();
    assertThat(check(report, "scheduler")).containsEntry("status", "not_started");
  }

  @Test
  void aHangingDatabaseIsReportedDownWithinTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DataSource hanging = new BlockingDataSource(release);
    try {
      Health health = new Health(hanging, () -> true, metrics, clock, Duration.ofMillis(50));

      Health.HealthReport report = health.check();

      assertThat(report.ready()).isFalse();
      assertThat(check(report, "database")).containsEntry("status", "down").containsEntry("error", "timeout");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aTransientDeskFailureDegradesButKeepsTheBotReady() {
    metrics.deskCall("unavailable", 502, 1200);

    Health.HealthReport report = new Health(db, () -> true, metrics, Clock.offset(clock, Duration.ofSeconds(90))).check();

    assertThat(report.ready()).isTrue();
    assertThat(report.status()).isEqualTo("degraded");
    assertThat(check(report, "desk")).containsEntry("status", "failing").containsEntry("outcome", "unavailable")
        .containsEntry("code", 502).containsEntry("at", NOW.toString()).containsEntry("age_seconds", 90L);
  }

  @Test
  void aCredentialsErrorIsReportedAsMisconfiguredWithoutFailingReadiness() {
    metrics.deskCall("credentials", 70003, 80);

    Health.HealthReport report = health().check();

    assertThat(report.ready()).isTrue();
    assertThat(report.status()).isEqualTo("degraded");
    assertThat(check(report, "desk")).containsEntry("status", "misconfigured").containsEntry("code", 70003);
  }

  @Test
  void aSuccessfulDeskCallClearsAnEarlierFailure() {
    metrics.deskCall("credentials", 70003, 80);
    metrics.deskCall("ok", 0, 300);

    Health.HealthReport report = health().check();

    assertThat(report.status()).isEqualTo("ok");
    assertThat(check(report, "desk")).containsEntry("status", "ok").doesNotContainKey("code");
  }

  @Test
  void healthEndpointAnswers200WithJsonWhenReady() throws Exception {
    String base = serve(health());

    HttpResponse<String> response = get(base + "/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    Map<String, Object> body = new Moshi.Builder().build()
        .<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class)).fromJson(response.body());
    assertThat(body).containsEntry("status", "ok").containsEntry("ready", true);
    assertThat(body.get("checks")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKeys("database", "scheduler", "desk");
  }

  @Test
  void healthEndpointAnswers503WhenNotReadyAndShowsNoDriverMessage() throws Exception {
    keepAlive.createStatement().execute("SHUTDOWN");
    String base = serve(health());

    HttpResponse<String> response = get(base + "/health");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"status\":\"down\"").contains("\"ready\":false")
        .doesNotContain("jdbc:").doesNotContain("health-");
  }

  @Test
  void healthAndMetricsRefuseOtherMethods() throws Exception {
    String base = serve(health());

    for (String path : new String[] {"/health", "/metrics"}) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
    }
  }

  @Test
  void metricsEndpointServesPrometheusText() throws Exception {
    metrics.command("report", "ok");
    metrics.deskCall("ok", 0, 250);
    String base = serve(health());

    HttpResponse<String> response = get(base + "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Metrics.CONTENT_TYPE);
    assertThat(response.body())
        .contains("# TYPE deskstats_commands_total counter")
        .contains("deskstats_commands_total{command=\"report\",outcome=\"ok\"} 1")
        .contains("deskstats_desk_call_seconds_count{outcome=\"ok\"} 1");
  }

  private String serve(Health health) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", Health.healthHandler(health));
    server.createContext("/metrics", Health.metricsHandler(metrics));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A pool that never hands out a connection until released, like Hikari waiting on a dead server. */
  private record BlockingDataSource(CountDownLatch release) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new SQLException("pool closed");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
