package com.deskstats.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** The bot's Prometheus metrics; one instance, built by Main and handed to whoever counts. */
public final class Metrics {

  /** The outcome of the most recent Desk call, for /health. */
  public record DeskOutcome(String outcome, int code, long millis, long atEpochMillis) {}

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter commands;
  private final Histogram deskCalls;
  private final Counter cache;
  private final Counter deliveries;
  private final Gauge deskLast;
  private final Gauge deskLastSuccess;
  private final Counter socketReconnects;
  private final AtomicReference<DeskOutcome> lastDesk = new AtomicReference<>();
  private final Clock clock;
  /** JVM metrics still to register: on the first scrape, so their ~200 classes and MXBeans stay off the start-up. */
  private final AtomicBoolean jvmPending;

  public Metrics() {
    this(true);
  }

  /** @param jvm whether to register JVM metrics (once per process: tests make several instances) */
  public Metrics(boolean jvm) {
    this(jvm, Clock.systemUTC());
  }

  /** @param clock stamps the last Desk call, so health checks can say how old it is */
  public Metrics(boolean jvm, Clock clock) {
    this.clock = clock;
    this.jvmPending = new AtomicBoolean(jvm);
    commands = Counter.builder().name("deskstats_commands_total")
        .help("Slash commands handled, by subcommand and outcome").labelNames("command", "outcome").register(registry);
    deskCalls = Histogram.builder().name("deskstats_desk_call_seconds")
        .help("Desk API calls (one per HTTP attempt) by outcome").labelNames("outcome").register(registry);
    cache = Counter.builder().name("deskstats_day_cache_total")
        .help("Per-day cache look-ups by result (hit, miss, shared)").labelNames("result").register(registry);
    deliveries = Counter.builder().name("deskstats_digest_deliveries_total")
        .help("Digest deliveries by outcome").labelNames("outcome").register(registry);
    deskLast = Gauge.builder().name("deskstats_desk_last_call")
        .help("1 for the outcome of the most recent Desk call; no series before the first call").labelNames("outcome").register(registry);
    deskLastSuccess = Gauge.builder().name("deskstats_desk_last_success_timestamp_seconds")
        .help("Unix time of the most recent successful Desk call, 0 before the first").register(registry);
    socketReconnects = Counter.builder().name("deskstats_socket_reconnects_total")
        .help("Socket Mode connections made again after one was lost").register(registry);
  }

  public void command(String command, String outcome) {
    commands.labelValues(command, outcome).inc();
  }

  /** One Desk HTTP attempt: outcome such as ok, retry, credentials, bad_request, not_desk_app, unavailable. */
  public void deskCall(String outcome, int code, long millis) {
    deskCalls.labelValues(outcome).observe(millis / 1000.0);
    long now = clock.millis();
    synchronized (deskLast) {
      DeskOutcome previous = lastDesk.getAndSet(new DeskOutcome(outcome, code, millis, now));
      if (previous != null && !previous.outcome().equals(outcome)) deskLast.remove(previous.outcome());
      deskLast.labelValues(outcome).set(1);
    }
    if ("ok".equals(outcome)) deskLastSuccess.set(now / 1000.0);
  }

  /** result: hit, miss or shared (joined a fetch already under way). */
  public void cache(String result) {
    cache.labelValues(result).inc();
  }

  public void delivery(String outcome) {
    deliveries.labelValues(outcome).inc();
  }

  /** Socket Mode connected again after losing its connection. */
  public void socketReconnect() {
    socketReconnects.inc();
  }

  /** The last Desk call's outcome, or null before the first call. */
  public DeskOutcome lastDeskCall() {
    return lastDesk.get();
  }

  /** Prometheus text exposition format. */
  private synchronized void registerJvmMetrics() {
    if (jvmPending.get()) {
      JvmMetrics.builder().register(registry);
      jvmPending.set(false);
    }
  }

  public String scrape() {
    if (jvmPending.get()) registerJvmMetrics();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
}
