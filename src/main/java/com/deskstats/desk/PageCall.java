package com.deskstats.desk;

import com.deskstats.desk.DeskException.Kind;
import com.deskstats.ops.Metrics;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Reads one page of a day from describe_agent_statistics: the signed request, its retries and backoff per SPEC §1,
 * the rate-limit pause and the permit, the mapping of Desk's answers to {@link DeskException}s, and one log line
 * and metric per attempt.
 */
final class PageCall {

  /** Desk's largest page. */
  static final int PAGE_SIZE = 100;

  // The client's logger, so the per-call lines keep the name operators and the log capture filter on.
  private static final Logger log = LoggerFactory.getLogger(DeskClient.class);

  private final DeskApi api;
  private final UserSigner signer;
  private final ConcurrencyLimit permits;
  private final RateGate gate;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Metrics metrics;
  private final Sleeper sleeper;
  private final String where;

  /** The caller ({@link DeskClient}) has checked every argument. */
  PageCall(DeskApi api, UserSigner signer, ConcurrencyLimit permits, RateGate gate, RetryPolicy retry, Clock clock,
      Metrics metrics, Sleeper sleeper, String where) {
    this.api = api;
    this.signer = signer;
    this.permits = permits;
    this.gate = gate;
    this.retry = retry;
    this.clock = clock;
    this.metrics = metrics;
    this.sleeper = sleeper;
    this.where = where;
  }

  /** One page as Desk sent it: the TotalCount it reported and its non-null rows. */
  record Page(int offset, int total, List<AgentRow> rows) {}

  /** One read of a day: its request parameters and the first page failure, which stops the sibling pages. */
  record Fetch(LocalDate day, DayBounds bounds, List<String> agentIds, AtomicReference<DeskException> failure) {
    Fetch(LocalDate day, DayBounds bounds, List<String> agentIds) {
      this(day, bounds, agentIds, new AtomicReference<>());
    }

    /** Records the first failure; every page of this read then ends with it, so the user hears the real cause. */
    DeskException fail(DeskException e) {
      failure.compareAndSet(null, e);
      return failure.get();
    }
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
  Page fetchPage(Fetch fetch, int offset) throws DeskException {
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
}
