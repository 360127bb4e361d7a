package com.deskstats.desk;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.desk.DeskException.Kind;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Reads one Desk day's per-agent rows from describe_agent_statistics: signed requests, pages fetched in
 * parallel under one adaptive limit on calls in flight ({@link ConcurrencyLimit}) shared by every day and report,
 * retries with backoff and a rate-limit pause shared by every call of this client.
 */
public final class DeskClient implements DeskSource, AutoCloseable {

  /** Desk's largest page. */
  static final int PAGE_SIZE = 100;
  /** How often a day is read again when TotalCount moves under our feet. */
  static final int MAX_PASSES = 3;
  /** A TotalCount beyond this is not a team, it is a fault: refuse instead of paging forever. */
  static final int MAX_ROWS = 100_000;
  /** Calls in flight before Desk has answered any: the limit grows from here while calls succeed. */
  static final int INITIAL_IN_FLIGHT = 4;

  private static final Logger log = LoggerFactory.getLogger(DeskClient.class);

  private final DeskApi api;
  private final UserSigner signer;
  private final ZoneId zone;
  private final int parallelism;
  private final ConcurrencyLimit permits;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Executor executor;
  private final Metrics metrics;
  private final Sleeper sleeper;
  private final RateGate gate;
  private final String where;
  private final ExecutorService owned;

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
    this.api = Objects.requireNonNull(api, "api");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.parallelism = parallelism;
    this.permits = new ConcurrencyLimit(Math.min(INITIAL_IN_FLIGHT, parallelism), parallelism, clock);
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.gate = new RateGate(clock, sleeper);
    this.where = host == null ? "Desk" : "Desk at " + host;
    this.owned = owned;
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
    return fetch(day, DayBounds.of(day, zone), agentIds);
  }

  @Override
  public List<AgentRow> fetchDayUntil(LocalDate day, LocalTime until, Set<String> agentIds) throws DeskException {
    return fetch(day, DayBounds.until(day, until, zone), agentIds);
  }

  private List<AgentRow> fetch(LocalDate day, DayBounds bounds, Set<String> agentIds) throws DeskException {
    List<String> ids = agentIds == null ? List.of() : new ArrayList<>(new TreeSet<>(agentIds));
    List<List<AgentRow>> passes = new ArrayList<>();
    for (int pass = 1; ; pass++) {
      Pass read = readPass(new Fetch(day, bounds, ids));
      passes.add(read.rows());
      if (read.consistent()) {
        int reported = read.totals().iterator().next();
        if (read.rows().size() < reported) {
          // Pages came back shorter than Limit: agents between them were not read. Never silently.
          log.warn("Desk TotalCount {} for {} but only {} agents came back over its pages", reported, day,
              read.rows().size());
        }
        break;
      }
      if (pass == MAX_PASSES) {
        log.warn("Desk TotalCount for {} kept changing over {} reads {}; returning every agent seen", day, pass, read.totals());
        break;
      }
      log.info("Desk TotalCount for {} changed while paging {}; reading the day again", day, read.totals());
    }
    return merge(passes);
  }

  /** The latest read in its order, then any agent only an earlier read saw: no agent twice, none lost. */
  static List<AgentRow> merge(List<List<AgentRow>> passes) {
    Map<String, AgentRow> byId = new LinkedHashMap<>();
    for (int i = passes.size() - 1; i >= 0; i--) {
      for (AgentRow row : passes.get(i)) byId.putIfAbsent(row.agentId(), row);
    }
    return List.copyOf(byId.values());
  }

  private record Pass(List<AgentRow> rows, boolean consistent, Set<Integer> totals) {}

  private record Page(int offset, int total, List<AgentRow> rows) {}

  /** One read of a day: its request parameters and the first page failure, which stops the sibling pages. */
  private record Fetch(LocalDate day, DayBounds bounds, List<String> agentIds, AtomicReference<DeskException> failure) {
    Fetch(LocalDate day, DayBounds bounds, List<String> agentIds) {
      this(day, bounds, agentIds, new AtomicReference<>());
    }

    /** Records the first failure; every page of this read then ends with it, so the user hears the real cause. */
    DeskException fail(DeskException e) {
      failure.compareAndSet(null, e);
      return failure.get();
    }
  }

  private Pass readPass(Fetch fetch) throws DeskException {
    Page first = fetchPage(fetch, 0);
    List<Page> pages = new ArrayList<>(List.of(first));
    Set<Integer> totals = new TreeSet<>(Set.of(first.total()));
    int seen = first.rows().size();
    int target = extend(first.total(), seen, first.rows().size() >= PAGE_SIZE);
    int covered = PAGE_SIZE;
    // A page that reports a larger TotalCount extends the read: keep going until every reported row is covered.
    while (covered < target) {
      if (target > MAX_ROWS) {
        throw new DeskException(Kind.UNAVAILABLE, 0, where + " reported " + target
            + " agents for one day, more than " + MAX_ROWS + ": try again later, and check DESK_SDKAPPID if it persists.");
      }
      List<Integer> offsets = new ArrayList<>();
      for (int o = covered; o < target; o += PAGE_SIZE) offsets.add(o);
      Page last = null;
      for (Page p : fetchAll(fetch, offsets)) {
        pages.add(p);
        totals.add(p.total());
        target = Math.max(target, p.total());
        seen += p.rows().size();
        last = p;
      }
      target = extend(target, seen, last.rows().size() >= PAGE_SIZE);
      covered = offsets.get(offsets.size() - 1) + PAGE_SIZE;
    }
    Map<String, AgentRow> rows = new LinkedHashMap<>();
    for (Page p : pages) {
      for (AgentRow row : p.rows()) rows.putIfAbsent(row.agentId(), row);
    }
    return new Pass(List.copyOf(rows.values()), totals.size() == 1, totals);
  }

  /**
   * How many rows to read: the largest TotalCount reported, unless more rows than that have already come back
   * (Desk left TotalCount out), in which case one more page while the last one was full.
   */
  static int extend(int reportedTotal, int rowsSeen, boolean lastPageFull) {
    return rowsSeen > reportedTotal && lastPageFull ? rowsSeen + 1 : reportedTotal;
  }

  /** The pages at {@code offsets}, fetched on the executor (bounded by the permits), in offset order. */
  private List<Page> fetchAll(Fetch fetch, List<Integer> offsets) throws DeskException {
    List<CompletableFuture<Page>> futures = new ArrayList<>(offsets.size());
    try {
      for (int offset : offsets) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          try {
            return fetchPage(fetch, offset);
          } catch (DeskException e) {
            throw new CompletionException(fetch.fail(e));
          }
        }, executor));
      }
    } catch (RejectedExecutionException e) {
      throw fetch.fail(new DeskException(Kind.UNAVAILABLE, 0, "The Desk client is shutting down: try again in a moment."));
    }
    List<Page> pages = new ArrayList<>(offsets.size());
    for (CompletableFuture<Page> f : futures) {
      try {
        pages.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof DeskException de) throw fetch.fail(de);
        log.warn("Desk page for day={} failed unexpectedly: {}", fetch.day(), e.getCause().getClass().getName());
        throw fetch.fail(new DeskException(Kind.UNAVAILABLE, 0, where + " could not be read: try again later."));
      }
    }
    return pages;
  }

  /** What one HTTP attempt came to. */
  private enum Type { OK, REFUSED, HTTP, NETWORK, MALFORMED }

  /**
   * @param code Desk's ErrorCode (REFUSED) or the HTTP status (HTTP), else 0
   * @param detail Desk's ErrorInfo (redacted) or the network fault, for the log
   */
  private record Result(Type type, Page page, int code, String detail) {
    static Result ok(Page page) {
      return new Result(Type.OK, page, 0, "");
    }

    static Result of(Type type, int code, String detail) {
      return new Result(type, null, code, detail);
    }

    boolean retryable() {
      return switch (type) {
        case REFUSED -> DeskErrors.retryable(code);
        case HTTP -> code >= 500 || code == 429;
        case NETWORK, MALFORMED -> true;
        case OK -> false;
      };
    }

    boolean rateLimited() {
      return (type == Type.REFUSED && DeskErrors.rateLimited(code)) || (type == Type.HTTP && code == 429);
    }
  }

  /** One page, with retries per SPEC §1. */
  private Page fetchPage(Fetch fetch, int offset) throws DeskException {
    long started = clock.millis();
    int attempts = 0;
    boolean renewedSig = false;
    try {
      while (true) {
        DeskException sibling = fetch.failure().get();
        if (sibling != null) throw sibling; // another page of this read failed: stop, and report its cause
        attempts++;
        Result result = null;
        long ms;
        long pause = 0;
        ConcurrencyLimit.Permit permit = permits.acquire();
        try {
          // With the permit held: a pause set while this call queued for its permit holds for it too.
          gate.awaitTurn();
          long t0 = System.nanoTime(); // after the permit and the pause: the time Desk took, not our queue
          result = send(fetch, offset);
          ms = (System.nanoTime() - t0) / 1_000_000;
          if (result.rateLimited()) {
            // Close the gate before the permit goes to a queued call, so that call waits too.
            pause = retry.rateLimitBackoffMillis(attempts, ThreadLocalRandom.current());
            gate.slowDown(pause);
          }
        } finally {
          permits.release(permit, result == null ? ConcurrencyLimit.Outcome.OTHER
              : result.rateLimited() ? ConcurrencyLimit.Outcome.RATE_LIMITED
              : result.type() == Type.OK ? ConcurrencyLimit.Outcome.SUCCESS : ConcurrencyLimit.Outcome.OTHER);
        }

        if (result.type() == Type.OK) {
          logAttempt(fetch, offset, "ok", 0, ms, "");
          return result.page();
        }
        int code = result.code();
        if (result.type() == Type.REFUSED && code == DeskErrors.SIG_EXPIRED && !renewedSig) {
          // The sig expired on Desk's side: make a fresh one and try once more, outside the retry budget.
          logAttempt(fetch, offset, "retry", code, ms, result.detail());
          signer.invalidate();
          renewedSig = true;
          attempts--;
          continue;
        }
        if (!result.retryable()) {
          DeskException e = refusal(result);
          fetch.fail(e); // before the log line, so siblings stop as soon as possible
          logAttempt(fetch, offset, DeskErrors.outcome(e.kind()), code, ms, result.detail());
          throw e;
        }
        boolean rateLimited = result.rateLimited();
        long delay = rateLimited ? pause : retry.backoffMillis(attempts, ThreadLocalRandom.current());
        long spent = clock.millis() - started;
        if (attempts >= retry.attempts() || spent + delay > retry.totalBudget().toMillis()) {
          DeskException e = exhausted(result, attempts);
          fetch.fail(e); // before the log line, so siblings stop as soon as possible
          logAttempt(fetch, offset, DeskErrors.outcome(e.kind()), code, ms, result.detail());
          throw e;
        }
        logAttempt(fetch, offset, "retry", code, ms, result.detail());
        // After a rate limit the gate, already closed, holds this call and every other one of this client.
        if (!rateLimited) sleeper.sleep(delay);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeskException(Kind.UNAVAILABLE, 0, "The Desk request was interrupted: try again.");
    }
  }

  private static final Result MALFORMED = Result.of(Type.MALFORMED, 0, "malformed body");

  /** One HTTP attempt; the caller holds a permit. */
  private Result send(Fetch fetch, int offset) throws InterruptedException {
    DeskRequest body = DeskRequest.page(fetch.bounds().from(), fetch.bounds().to(), PAGE_SIZE, offset, fetch.agentIds());
    long random = ThreadLocalRandom.current().nextLong(1L << 32);
    try {
      Call<DeskResponse> call = api.describeAgentStatistics(
          signer.sdkAppId(), signer.identifier(), signer.sig(), random, "json", body);
      Response<DeskResponse> response = call.execute();
      if (!response.isSuccessful()) {
        try (var ignored = response.errorBody()) {
          return Result.of(Type.HTTP, response.code(), "HTTP " + response.code());
        }
      }
      DeskResponse desk = response.body();
      if (desk == null) return MALFORMED;
      if (desk.errorCode() != 0) return Result.of(Type.REFUSED, desk.errorCode(), signer.redact(desk.errorInfo()));
      if (!looksLikeDesk(desk)) return MALFORMED;
      List<AgentRow> rows = desk.data().stream().filter(Objects::nonNull).toList(); // a null entry is no agent
      return Result.ok(new Page(offset, desk.totalCount(), rows));
    } catch (JsonDataException | JsonEncodingException e) {
      return MALFORMED;
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
      return Result.of(Type.NETWORK, 0, "timeout");
    } catch (IOException e) {
      return Result.of(Type.NETWORK, 0, faultName(e));
    } catch (RuntimeException e) {
      // A converter failure other than Moshi's: treat like a body that is not Desk's JSON.
      log.warn("Desk answer for day={} offset={} could not be read: {}", fetch.day(), offset, e.getClass().getName());
      return MALFORMED;
    }
  }

  /**
   * A success body says ActionStatus OK or carries rows or a TotalCount. Missing fields read as 0 and empty, so
   * without this any other JSON (a proxy's, a wrong DESK_API_URL's) would be an empty team, cached for good.
   */
  private static boolean looksLikeDesk(DeskResponse r) {
    return "OK".equalsIgnoreCase(r.actionStatus()) || r.totalCount() > 0 || !r.data().isEmpty();
  }

  private static String faultName(IOException e) {
    if (e instanceof SocketTimeoutException) return "timeout";
    if (e instanceof ConnectException) return "connection refused";
    if (e instanceof UnknownHostException) return "unknown host";
    if (e instanceof EOFException) return "connection closed";
    return e.getClass().getSimpleName();
  }

  private DeskException refusal(Result r) {
    return r.type() == Type.HTTP ? DeskErrors.httpRefused(r.code(), where) : DeskErrors.refused(r.code());
  }

  private DeskException exhausted(Result r, int attempts) {
    return switch (r.type()) {
      case REFUSED -> DeskErrors.exhausted(r.code(), attempts);
      case HTTP -> DeskErrors.httpExhausted(r.code(), attempts);
      case NETWORK -> DeskErrors.unreachable(where, r.detail(), attempts);
      case MALFORMED, OK -> DeskErrors.malformed(where, attempts);
    };
  }

  /** One log line and one metric per HTTP attempt; never the URL's query, which holds the sig. */
  private void logAttempt(Fetch fetch, int offset, String outcome, int code, long ms, String detail) {
    metrics.deskCall(outcome, code, ms);
    if (detail.isEmpty()) {
      log.info("Desk call day={} offset={} outcome={} code={} ms={}", fetch.day(), offset, outcome, code, ms);
    } else {
      log.info("Desk call day={} offset={} outcome={} code={} ms={} detail={}", fetch.day(), offset, outcome, code, ms, detail);
    }
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
