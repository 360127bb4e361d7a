package com.deskstats.desk;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Reads one Desk day's per-agent rows from describe_agent_statistics: signed requests, pages fetched in
 * parallel under one adaptive limit on calls in flight ({@link ConcurrencyLimit}) shared by every day and report,
 * retries with backoff and a rate-limit pause shared by every call of this client. The paging lives in
 * {@link DayPager} and each call in {@link PageCall}; this class builds them and holds what they share.
 */
public final class DeskClient implements DeskSource, AutoCloseable {

  /** Calls in flight before Desk has answered any: the limit grows from here while calls succeed. */
  static final int INITIAL_IN_FLIGHT = 4;

  private final UserSigner signer;
  private final ZoneId zone;
  private final int parallelism;
  private final ConcurrencyLimit permits;
  private final String where;
  private final ExecutorService owned;
  private final DayPager pager;

  /**
   * @param api the Desk endpoint
   * @param signer makes the UserSig; its SDKAppID and identifier are the ones sent
   * @param zone the Desk time zone, where days begin
   * @param parallelism the most Desk requests this client has in flight at once; it starts at
   *     {@value #INITIAL_IN_FLIGHT} (or less) and adapts to Desk's answers up to this
   * @param executor runs the pages after the first; must not be the executor {@link #fetchDay} is called on
   *     when that one is bounded
   */
  public DeskClient(DeskApi api, UserSigner signer, ZoneId zone, int parallelism, RetryPolicy retry, Clock clock,
      Executor executor, Metrics metrics) {
    this(api, signer, zone, parallelism, retry, clock, executor, metrics, Sleeper.REAL, null, null);
  }

  DeskClient(DeskApi api, UserSigner signer, ZoneId zone, int parallelism, RetryPolicy retry, Clock clock,
      Executor executor, Metrics metrics, Sleeper sleeper, String host, ExecutorService owned) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    // Every argument is checked here, in this order, so a bad one fails as it did before the split.
    Objects.requireNonNull(api, "api");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.parallelism = parallelism;
    this.permits = new ConcurrencyLimit(Math.min(INITIAL_IN_FLIGHT, parallelism), parallelism, clock);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(sleeper, "sleeper");
    this.where = host == null ? "Desk" : "Desk at " + host;
    this.owned = owned;
    PageCall call = new PageCall(api, signer, permits, new RateGate(clock, sleeper), retry, clock, metrics, sleeper,
        where);
    this.pager = new DayPager(call, executor, where);
  }

  /**
   * A client for the Desk of {@code settings}: base URL {@code deskApiUrl}, connect timeout 5 s, read timeout 15 s,
   * at most {@code deskParallelism} calls in flight, the default retry policy, and its own page threads (see
   * {@link #close}).
   *
   * @throws ConfigException when DESK_SDKAPPID or DESK_SECRET_KEY is missing
   */
  public static DeskClient create(Settings settings, OkHttpClient http, Metrics metrics) {
    long appId = settings.deskSdkAppId().orElseThrow(() ->
        new ConfigException("DESK_SDKAPPID is required: the Desk application's SDKAppID (or set DESK_DEMO=true)."));
    String key = settings.deskSecretKey().orElseThrow(() ->
        new ConfigException("DESK_SECRET_KEY is required: the Desk application's secret key (or set DESK_DEMO=true)."));
    OkHttpClient client = http.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(15))
        .writeTimeout(Duration.ofSeconds(15))
        .build();
    DeskApi api = DeskApi.create(settings.deskApiUrl(), client);
    Clock clock = Clock.systemUTC();
    UserSigner signer = new UserSigner(appId, settings.deskAdminId(), key, clock);
    int parallelism = settings.deskParallelism();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
    HttpUrl url = HttpUrl.parse(settings.deskApiUrl());
    String host = url == null ? null : url.host();
    // Page log lines keep the request id of the command or delivery that asked for the day.
    return new DeskClient(api, signer, settings.deskTimezone(), parallelism, RetryPolicy.defaults(), clock,
        RequestIds.propagating(pool),
        metrics, Sleeper.REAL, host, pool);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "desk-page-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) throws DeskException {
    return pager.fetch(day, DayBounds.of(day, zone), agentIds);
  }

  @Override
  public List<AgentRow> fetchDayUntil(LocalDate day, LocalTime until, Set<String> agentIds) throws DeskException {
    return pager.fetch(day, DayBounds.until(day, until, zone), agentIds);
  }

  /** Stops the page threads this client made itself ({@link #create}); a no-op otherwise. */
  @Override
  public void close() {
    if (owned != null) owned.shutdownNow();
  }

  @Override
  public String toString() {
    return "DeskClient[" + where + ", zone=" + zone + ", parallelism=" + parallelism + ", " + signer + "]";
  }

  /** The limit on calls in flight, for tests. */
  ConcurrencyLimit limit() {
    return permits;
  }
}
