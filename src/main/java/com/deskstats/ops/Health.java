package com.deskstats.ops;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness for {@code GET /health}: ready when the database answers and the scheduler has started.
 * The last Desk call is reported (and makes the status "degraded") but never makes the bot unready:
 * taking a replica out of the load balancer cannot fix Desk or its credentials, and the bot must stay
 * up to tell Slack users what is wrong.
 */
public final class Health {
  private static final Logger log = LoggerFactory.getLogger(Health.class);

  /** The database must answer within this long, pool wait included. */
  static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

  /** Desk outcomes that only the operator can fix (wrong SDKAppID, key, admin account or region). */
  private static final Set<String> MISCONFIGURED = Set.of("credentials", "not_desk_app");

  /** The outcome of one check: ready decides the HTTP status (200 or 503); checks is the JSON body's detail. */
  public record HealthReport(boolean ready, Map<String, Object> checks) {
    /** "ok", "degraded" (ready, but the last Desk call failed) or "down" (not ready). */
    public String status() {
      if (!ready) return "down";
      if (checks.get("desk") instanceof Map<?, ?> desk) {
        Object s = desk.get("status");
        if (!"ok".equals(s) && !"none".equals(s)) return "degraded";
      }
      return "ok";
    }
  }

  private final DataSource dataSource;
  private final BooleanSupplier schedulerStarted;
  private final Metrics metrics;
  private final Clock clock;
  private final Duration databaseTimeout;
  private final AtomicReference<CompletableFuture<Map<String, Object>>> databaseProbe = new AtomicReference<>();
  private final AtomicBoolean lastDatabaseUp = new AtomicBoolean(true);
  /** Null in HTTP mode. */
  private final SocketHealth socket;

  /**
   * @param schedulerStarted true once Quartz has started (Main passes {@code () -> true} when there is no scheduler)
   * @param clock for the age of the last Desk call
   */
  public Health(DataSource dataSource, BooleanSupplier schedulerStarted, Metrics metrics, Clock clock) {
    this(dataSource, schedulerStarted, metrics, clock, DATABASE_TIMEOUT);
  }

  Health(DataSource dataSource, BooleanSupplier schedulerStarted, Metrics metrics, Clock clock, Duration databaseTimeout) {
    this(dataSource, schedulerStarted, metrics, clock, databaseTimeout, null);
  }

  /** @param socket the Socket Mode connection, or null in HTTP mode */
  public Health(DataSource dataSource, BooleanSupplier schedulerStarted, Metrics metrics, Clock clock,
      SocketHealth socket) {
    this(dataSource, schedulerStarted, metrics, clock, DATABASE_TIMEOUT, socket);
  }

  Health(DataSource dataSource, BooleanSupplier schedulerStarted, Metrics metrics, Clock clock, Duration databaseTimeout,
      SocketHealth socket) {
    this.socket = socket;
    this.databaseTimeout = databaseTimeout;
    this.dataSource = dataSource;
    this.schedulerStarted = schedulerStarted;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Runs every check; takes at most about three seconds, however the database behaves. */
  public HealthReport check() {
    Map<String, Object> database = database();
    boolean dbUp = "up".equals(database.get("status"));
    boolean started = schedulerStarted.getAsBoolean();
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("database", database);
    checks.put("scheduler", Map.of("status", started ? "started" : "not_started"));
    checks.put("desk", desk());
    boolean socketUp = socket == null || socket.ready();
    if (socket != null) checks.put("socket", socket.check());
    return new HealthReport(dbUp && started && socketUp, Collections.unmodifiableMap(checks));
  }

  private Map<String, Object> database() {
    // One probe at a time: while the database hangs, callers share the probe in flight instead of piling up threads.
    CompletableFuture<Map<String, Object>> probe = databaseProbe.updateAndGet(
        p -> p != null && !p.isDone() ? p : CompletableFuture.supplyAsync(this::probeDatabase, Health::daemon));
    Map<String, Object> result;
    try {
      result = probe.get(databaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result = down("timeout", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = down("interrupted", null);
    } catch (ExecutionException e) {
      result = down(e.getCause().getClass().getSimpleName(), null);
    }
    boolean up = "up".equals(result.get("status"));
    if (lastDatabaseUp.getAndSet(up) != up) {
      // DEBUG: store.DatabaseGuard logs the one WARN and INFO line of an outage.
      if (up) log.debug("health: database reachable again");
      else log.debug("health: database unreachable ({})", result.get("error"));
    }
    return result;
  }

  private Map<String, Object> probeDatabase() {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      int timeoutSeconds = (int) Math.max(1, databaseTimeout.toSeconds() - 1);
      if (!c.isValid(timeoutSeconds)) return down("not_valid", null);
      Map<String, Object> up = new LinkedHashMap<>();
      up.put("status", "up");
      up.put("millis", (System.nanoTime() - start) / 1_000_000);
      return up;
    } catch (SQLException e) {
      // Only the class and SQLState: driver messages can name hosts and users, and /health may be public.
      log.debug("health: database probe failed: {}", SecretMasker.mask(String.valueOf(e.getMessage())));
      return down(e.getClass().getSimpleName(), e.getSQLState());
    } catch (RuntimeException e) {
      return down(e.getClass().getSimpleName(), null);
    }
  }

  private static Map<String, Object> down(String error, String sqlState) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "down");
    m.put("error", error);
    if (sqlState != null) m.put("sql_state", sqlState);
    return m;
  }

  private Map<String, Object> desk() {
    Metrics.DeskOutcome last = metrics.lastDeskCall();
    Map<String, Object> m = new LinkedHashMap<>();
    if (last == null) {
      m.put("status", "none");
      return m;
    }
    String outcome = last.outcome();
    m.put("status", "ok".equals(outcome) ? "ok" : MISCONFIGURED.contains(outcome) ? "misconfigured" : "failing");
    m.put("outcome", outcome);
    if (last.code() != 0) m.put("code", last.code());
    m.put("at", Instant.ofEpochMilli(last.atEpochMillis()).toString());
    m.put("age_seconds", Math.max(0, (clock.millis() - last.atEpochMillis()) / 1000));
    return m;
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "health-db-probe");
    t.setDaemon(true);
    t.start();
  }

  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** The JSON body: {@code {"status":"ok|degraded|down","ready":true,"checks":{…}}}. */
  public static String toJson(HealthReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.status());
    body.put("ready", report.ready());
    body.put("checks", report.checks());
    return JSON.toJson(body);
  }

  /** {@code GET /health}: 200 when ready, 503 otherwise, JSON body; 405 for other methods. */
  public static HttpHandler healthHandler(Health health) {
    return exchange -> {
      try {
        if (!allowed(exchange)) return;
        String body;
        int status;
        try {
          HealthReport report = health.check();
          body = toJson(report);
          status = report.ready() ? 200 : 503;
        } catch (RuntimeException e) {
          log.warn("health: check failed: {}", e.getClass().getSimpleName());
          body = "{\"status\":\"down\",\"ready\":false}";
          status = 503;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json; charset=utf-8", body);
      } finally {
        exchange.close();
      }
    };
  }

  /** {@code GET /metrics}: Prometheus text; 405 for other methods. */
  public static HttpHandler metricsHandler(Metrics metrics) {
    return metricsHandler(metrics, Optional.empty());
  }

  /**
   * As {@link #metricsHandler(Metrics)}; with a token (METRICS_TOKEN), a request without
   * {@code Authorization: Bearer <token>} gets 401. The comparison takes the same time however much of it matches.
   */
  public static HttpHandler metricsHandler(Metrics metrics, Optional<String> token) {
    Optional<byte[]> expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    return exchange -> {
      try {
        if (!allowed(exchange)) return;
        if (expected.isPresent() && !authorized(exchange, expected.get())) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"metrics\"");
          send(exchange, 401, "text/plain; charset=utf-8", "METRICS_TOKEN is set: send Authorization: Bearer <token>.\n");
          return;
        }
        send(exchange, 200, Metrics.CONTENT_TYPE, metrics.scrape());
      } finally {
        exchange.close();
      }
    };
  }

  private static boolean authorized(HttpExchange exchange, byte[] expected) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] actual = (given == null ? "" : given).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(actual, expected);
  }

  private static boolean allowed(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) return true;
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    exchange.sendResponseHeaders(405, -1);
    return false;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
