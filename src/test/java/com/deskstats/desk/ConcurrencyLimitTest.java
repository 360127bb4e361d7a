package com.deskstats.desk;

import static com.deskstats.testing.DeskFakes.ADMIN;
import static com.deskstats.testing.DeskFakes.APP_ID;
import static com.deskstats.testing.DeskFakes.SECRET;
import static com.deskstats.testing.DeskFakes.ZONE;
import static com.deskstats.testing.DeskFakes.error;
import static com.deskstats.testing.DeskFakes.page;
import static com.deskstats.testing.DeskFakes.request;
import static com.deskstats.testing.DeskFakes.team;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.ConcurrencyLimit.Outcome;
import com.deskstats.desk.ConcurrencyLimit.Permit;
import com.deskstats.ops.Metrics;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 13);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MockWebServer server = DeskFakes.server();
  private final ExecutorService pages = Executors.newCachedThreadPool();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    pages.shutdownNow();
    server.shutdown();
  }

  @Test
  void limitGrowsByOneWithEachSuccessUpToTheMax() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit(4, 6, clock);
    limit.release(limit.acquire(), Outcome.SUCCESS);
    assertThat(limit.limit()).isEqualTo(5);
    limit.release(limit.acquire(), Outcome.OTHER);
    assertThat(limit.limit()).isEqualTo(5);
    for (int i = 0; i < 5; i++) limit.release(limit.acquire(), Outcome.SUCCESS);
    assertThat(limit.limit()).isEqualTo(6);
    assertThat(limit.inFlight()).isZero();
  }

  @Test
  void rateLimitHalvesTheLimitOnceForCallsSentTogether() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit(8, 16, clock);
    Permit[] crowd = new Permit[8];
    for (int i = 0; i < 8; i++) crowd[i] = limit.acquire();
    limit.release(crowd[7], Outcome.RATE_LIMITED);
    assertThat(limit.limit()).isEqualTo(4);
    // The rest of the same crowd, refused too: the limit already fell for them.
    for (int i = 0; i < 7; i++) limit.release(crowd[i], Outcome.RATE_LIMITED);
    assertThat(limit.limit()).isEqualTo(4);
    // A call of a later crowd refused again halves it again.
    Permit[] later = new Permit[4];
    for (int i = 0; i < 4; i++) later[i] = limit.acquire();
    limit.release(later[3], Outcome.RATE_LIMITED);
    for (int i = 0; i < 3; i++) limit.release(later[i], Outcome.OTHER);
    assertThat(limit.limit()).isEqualTo(2);
    // Refused with one call in flight: Desk limits the rate, and one call at a time is the floor.
    limit.release(limit.acquire(), Outcome.RATE_LIMITED);
    assertThat(limit.limit()).isEqualTo(1);
  }

  @Test
  void afterARateLimitTheLimitGrowsSlowlyAndStaysBelowTheCrowdDeskRefusedForAWhile() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit(8, 16, clock);
    Permit[] crowd = new Permit[6];
    for (int i = 0; i < 6; i++) crowd[i] = limit.acquire();
    limit.release(crowd[5], Outcome.RATE_LIMITED); // refused with 6 in flight: Desk's quota is about 5
    for (int i = 0; i < 5; i++) limit.release(crowd[i], Outcome.SUCCESS);
    assertThat(limit.limit()).isEqualTo(5); // 4, plus 5 × 1/limit, held at 5
    for (int i = 0; i < 100; i++) limit.release(limit.acquire(), Outcome.SUCCESS);
    assertThat(limit.limit()).isEqualTo(5);
    clock.advance(ConcurrencyLimit.HOLD.plusSeconds(1));
    for (int i = 0; i < 6; i++) limit.release(limit.acquire(), Outcome.SUCCESS);
    assertThat(limit.limit()).isEqualTo(6); // additive now: about one per limit's worth of successes
  }

  @Test
  void callsInFlightGrowPastTheStartWhileDeskAnswers() throws Exception {
    List<AgentRow> team = team(3000); // 30 pages
    server.setDispatcher(counting(r -> page(team, request(r)).setHeadersDelay(20, TimeUnit.MILLISECONDS)));
    DeskClient c = client(16);
    assertThat(c.limit().limit()).isEqualTo(DeskClient.INITIAL_IN_FLIGHT);

    assertThat(c.fetchDay(DAY, Set.of())).isEqualTo(team);

    assertThat(maxInFlight.get()).isGreaterThan(DeskClient.INITIAL_IN_FLIGHT).isLessThanOrEqualTo(16);
    assertThat(c.limit().limit()).isEqualTo(16);
  }

  @Test
  void aRateLimitAnswerHalvesTheLimitForEveryLaterDay() throws Exception {
    List<AgentRow> team = team(1000);
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(counting(r -> calls.incrementAndGet() == 1 ? error(141009) : page(team, request(r))));
    DeskClient c = client(4);

    assertThat(c.fetchDay(DAY, Set.of())).isEqualTo(team);
    // 4 halved, and held below the 1 call in flight that Desk refused: Desk limits the rate, not the crowd.
    assertThat(c.limit().limit()).isEqualTo(1);

    // The next day, of another report, starts from the lowered limit: one call at Desk at a time.
    server.setDispatcher(counting(r -> page(team, request(r)).setHeadersDelay(20, TimeUnit.MILLISECONDS)));
    maxInFlight.set(0);
    assertThat(c.fetchDay(DAY.plusDays(1), Set.of())).isEqualTo(team);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void everyDayShareOneLimit() throws Exception {
    List<AgentRow> team = team(800);
    server.setDispatcher(counting(r -> page(team, request(r)).setHeadersDelay(30, TimeUnit.MILLISECONDS)));
    DeskClient c = client(4);

    List<CompletableFuture<List<AgentRow>>> days = List.of(0, 1, 2).stream()
        .map(i -> CompletableFuture.supplyAsync(() -> {
          try {
            return c.fetchDay(DAY.plusDays(i), Set.of());
          } catch (DeskException e) {
            throw new IllegalStateException(e);
          }
        }, pages)).toList();
    for (CompletableFuture<List<AgentRow>> d : days) assertThat(d.get(10, TimeUnit.SECONDS)).isEqualTo(team);

    // Three days of eight pages each, yet never more than the client's 4 calls at Desk at once.
    assertThat(server.getRequestCount()).isEqualTo(24);
    assertThat(maxInFlight.get()).isEqualTo(4);
  }

  /** A dispatcher that serves {@code f} and records the most calls in flight at once. */
  private Dispatcher counting(java.util.function.Function<RecordedRequest, MockResponse> f) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          MockResponse response = f.apply(r);
          // Serve the delay here, while counted in flight.
          long delay = response.getHeadersDelay(TimeUnit.MILLISECONDS);
          if (delay > 0) Thread.sleep(delay);
          return response.setHeadersDelay(0, TimeUnit.MILLISECONDS);
        } finally {
          inFlight.decrementAndGet();
        }
      }
    };
  }

  private DeskClient client(int parallelism) {
    Clock real = Clock.systemUTC();
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
    Sleeper none = millis -> { };
    return new DeskClient(DeskApi.create(server.url("/").toString(), http), new UserSigner(APP_ID, ADMIN, SECRET, real),
        ZONE, parallelism, DeskFakes.fastRetries(), real, pages, new Metrics(false), none, server.getHostName(), null);
  }
}
