package com.deskstats.desk;

import static com.deskstats.testing.DeskFakes.ADMIN;
import static com.deskstats.testing.DeskFakes.APP_ID;
import static com.deskstats.testing.DeskFakes.SECRET;
import static com.deskstats.testing.DeskFakes.ZONE;
import static com.deskstats.testing.DeskFakes.error;
import static com.deskstats.testing.DeskFakes.json;
import static com.deskstats.testing.DeskFakes.ok;
import static com.deskstats.testing.DeskFakes.page;
import static com.deskstats.testing.DeskFakes.request;
import static com.deskstats.testing.DeskFakes.team;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.desk.DeskException.Kind;
import com.deskstats.ops.Metrics;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.LogCapture;
import com.deskstats.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeskClientTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 13);

  private final MockWebServer server = DeskFakes.server();
  private final Metrics metrics = new Metrics(false);
  private final ExecutorService pages = Executors.newCachedThreadPool();
  private DeskClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = DeskFakes.client(server.url("/"), metrics);
  }

  @AfterEach
  void stop() throws Exception {
    pages.shutdownNow();
    server.shutdown();
  }

  private DeskClient client(int parallelism, RetryPolicy retry, Clock clock, Sleeper sleeper, ExecutorService executor,
      OkHttpClient http) {
    return new DeskClient(DeskApi.create(server.url("/").toString(), http), new UserSigner(APP_ID, ADMIN, SECRET, clock),
        ZONE, parallelism, retry, clock, executor, metrics, sleeper, server.getHostName(), null);
  }

  private static OkHttpClient http() {
    return new OkHttpClient.Builder().readTimeout(5, TimeUnit.SECONDS).build();
  }

  private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> f) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return f.apply(request);
      }
    };
  }

  private static List<String> ids(List<AgentRow> rows) {
    return rows.stream().map(AgentRow::agentId).toList();
  }

  @Test
  void sendsTheExactQueryAndBody() throws Exception {
    server.enqueue(ok(2, team(2)));

    assertThat(client.fetchDay(DAY, Set.of())).isEqualTo(team(2));

    RecordedRequest r = server.takeRequest();
    HttpUrl url = r.getRequestUrl();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(url.encodedPath()).isEqualTo("/v4/desk_http_svc/describe_agent_statistics");
    assertThat(url.queryParameterNames()).containsExactlyInAnyOrder("sdkappid", "identifier", "usersig", "random", "contenttype");
    assertThat(url.queryParameter("sdkappid")).isEqualTo("1400000000");
    assertThat(url.queryParameter("identifier")).isEqualTo("administrator");
    assertThat(url.queryParameter("contenttype")).isEqualTo("json");
    assertThat(Long.parseLong(url.queryParameter("random"))).isBetween(0L, 4294967295L);
    assertThat(UserSigTest.decode(url.queryParameter("usersig")))
        .containsEntry("TLS.identifier", "administrator").containsKey("TLS.sig");
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().readUtf8()).isEqualTo("{\"From\":1736697600,\"To\":1736783999,\"Limit\":100,\"Offset\":0}");
  }

  @Test
  void agentFilterIsSentAsAgentIds() throws Exception {
    List<AgentRow> team = team(5);
    server.setDispatcher(DeskFakes.pages(team));

    assertThat(client.fetchDay(DAY, Set.of("agent-0003", "agent-0001"))).isEqualTo(List.of(team.get(1), team.get(3)));

    assertThat(server.takeRequest().getBody().readUtf8())
        .isEqualTo("{\"From\":1736697600,\"To\":1736783999,\"Limit\":100,\"Offset\":0,\"AgentIds\":[\"agent-0001\",\"agent-0003\"]}");
  }

  @Test
  void everyRequestHasAFreshRandom() throws Exception {
    server.setDispatcher(DeskFakes.pages(team(450)));

    client.fetchDay(DAY, Set.of());

    Set<String> randoms = new HashSet<>();
    for (int i = 0; i < server.getRequestCount(); i++) randoms.add(server.takeRequest().getRequestUrl().queryParameter("random"));
    assertThat(randoms).hasSize(5);
  }

  @Test
  void twoHundredFiftyAgentsAreReadAsThreePagesInParallel() throws Exception {
    List<AgentRow> team = team(250);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch bothLaterPagesArrived = new CountDownLatch(2);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      if (req.offset() > 0) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        bothLaterPagesArrived.countDown();
        try {
          // Answers only once pages 2 and 3 are both in flight: sequential paging would time out here.
          if (!bothLaterPagesArrived.await(5, TimeUnit.SECONDS)) return error(141004);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
      }
      return page(team, req);
    }));

    List<AgentRow> rows = client.fetchDay(DAY, Set.of());

    assertThat(rows).isEqualTo(team);
    assertThat(server.getRequestCount()).isEqualTo(3);
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DeskRequest req = request(server.takeRequest());
      assertThat(req.limit()).isEqualTo(100);
      offsets.add(req.offset());
    }
    assertThat(offsets.get(0)).isZero();
    assertThat(offsets).containsExactlyInAnyOrder(0, 100, 200);
    assertThat(maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void parallelismBoundIsNeverExceeded() throws Exception {
    List<AgentRow> team = team(1000);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch threeInFlight = new CountDownLatch(3);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      if (req.offset() > 0) {
        threeInFlight.countDown();
        try {
          // The first three later pages wait for each other; with a bound of 3 a fourth can never join them.
          threeInFlight.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      inFlight.decrementAndGet();
      return page(team, req);
    }));
    DeskClient bounded = client(3, DeskFakes.fastRetries(), Clock.systemUTC(), Sleeper.REAL, pages, http());

    assertThat(bounded.fetchDay(DAY, Set.of())).isEqualTo(team);
    assertThat(server.getRequestCount()).isEqualTo(10);
    assertThat(maxInFlight.get()).isEqualTo(3);
  }

  @Test
  void emptyTeamIsAnEmptyList() throws Exception {
    server.enqueue(ok(0, List.of()));

    assertThat(client.fetchDay(DAY, Set.of())).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void missingTotalCountPagesUntilAShortPage() throws Exception {
    List<AgentRow> team = team(230);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      List<AgentRow> page = team.subList(Math.min(req.offset(), 230), Math.min(req.offset() + 100, 230));
      return json("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"Data\":" + DeskFakes.okPage(0, page).replaceFirst("^.*\"Data\":", ""));
    }));

    assertThat(client.fetchDay(DAY, Set.of())).isEqualTo(team);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void exactTotalCountCostsNoExtraRequest() throws Exception {
    server.setDispatcher(DeskFakes.pages(team(200)));

    assertThat(client.fetchDay(DAY, Set.of())).hasSize(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rateLimitThenBadGatewayThenSuccessIsRetriedThrough() throws Exception {
    server.enqueue(error(141009));
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
    server.enqueue(ok(1, team(1)));

    assertThat(client.fetchDay(DAY, Set.of())).isEqualTo(team(1));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(metrics.lastDeskCall().outcome()).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(ints = {141002, 141009, 60007, 60011, 60018, 60019, 60008, 70169, 70202})
  void transientCodesAreRetried(int code) throws Exception {
    server.enqueue(error(code));
    server.enqueue(ok(1, team(1)));

    assertThat(client.fetchDay(DAY, Set.of())).isEqualTo(team(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
      "141004, BAD_REQUEST", "141000, NOT_DESK_APP", "70003, CREDENTIALS", "70009, CREDENTIALS", "70013, CREDENTIALS",
      "70014, CREDENTIALS", "70016, CREDENTIALS", "70020, CREDENTIALS", "60002, BAD_REQUEST", "60003, BAD_REQUEST",
      "60004, CREDENTIALS", "60005, CREDENTIALS", "60006, CREDENTIALS", "60010, CREDENTIALS", "60012, CREDENTIALS",
      "60016, CREDENTIALS", "60020, CREDENTIALS", "60021, CREDENTIALS", "99999, BAD_REQUEST"})
  void refusalsAreNotRetried(int code, Kind kind) {
    server.enqueue(error(code));
    server.enqueue(ok(1, team(1)));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).contains(String.valueOf(code)).endsWith(".").doesNotContain("\n");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void credentialErrorNamesTheSettingsToCheck() {
    server.enqueue(error(70003));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
    assertThat(e.getMessage()).contains("DESK_SDKAPPID", "DESK_SECRET_KEY", "DESK_ADMIN_ID", "DESK_REGION");
    assertThat(metrics.lastDeskCall().outcome()).isEqualTo("credentials");
  }

  @Test
  void persistentRateLimitGivesUpAfterTheAttempts() {
    for (int i = 0; i < 5; i++) server.enqueue(error(141009));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.getMessage()).contains("141009", "4 attempts");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void retriesStopWhenTheTotalBudgetIsSpent() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    server.setDispatcher(dispatcher(r -> {
      clock.advance(Duration.ofSeconds(4)); // each attempt takes 4 s of a 10 s budget
      return new MockResponse().setResponseCode(503);
    }));
    RetryPolicy retry = new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10));
    DeskClient c = client(2, retry, clock, millis -> { }, pages, http());

    DeskException e = catchThrowableOfType(DeskException.class, () -> c.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("HTTP 503");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void expiredSigIsRegeneratedAndRetriedOnce() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(dispatcher(r -> {
      if (calls.getAndIncrement() == 0) {
        clock.advance(Duration.ofSeconds(30));
        return error(70001);
      }
      return ok(1, team(1));
    }));
    DeskClient c = client(2, DeskFakes.fastRetries(), clock, Sleeper.REAL, pages, http());

    assertThat(c.fetchDay(DAY, Set.of())).isEqualTo(team(1));

    String first = server.takeRequest().getRequestUrl().queryParameter("usersig");
    String second = server.takeRequest().getRequestUrl().queryParameter("usersig");
    assertThat(second).isNotEqualTo(first);
    assertThat(((Number) UserSigTest.decode(second).get("TLS.time")).longValue())
        .isEqualTo(Instant.parse("2026-01-01T00:00:30Z").getEpochSecond());
  }

  @Test
  void sigExpiredTwiceIsACredentialsError() {
    server.enqueue(error(70001));
    server.enqueue(error(70001));
    server.enqueue(ok(1, team(1)));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS);
    assertThat(e.getMessage()).contains("clock", "DESK_SECRET_KEY");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void malformedJsonIsRetriedThenUnavailable() {
    for (int i = 0; i < 4; i++) server.enqueue(json("<html>maintenance</html>"));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("DESK_API_URL");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"code\":0,\"message\":\"ok\"}", "{\"ActionStatus\":\"FAIL\"}"})
  void jsonThatIsNotDesksAnswerIsNotAnEmptyTeam(String body) {
    // A proxy or a wrong DESK_API_URL answering 200 with some other JSON must not read as "no agents that day":
    // a closed day would be cached empty for good.
    server.setDispatcher(dispatcher(r -> json(body)));

    DeskException e = catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of()));

    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("DESK_API_URL");
  }

  @Test
  void desksOwnEmptyTeamAndRowsWithoutActionStatusAreStillAnswers() throws Exception {
    server.enqueue(json("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"TotalCount\":0,\"Data\":[]}"));
    assertThat(client.fetchDay(DAY, Set.of())).isEmpty();

    server.enqueue(json("{\"ActionStatus\":\"OK\",\"ErrorCode\":0}"));
    assertThat(client.fetchDay(DAY, Set.of())).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(json("{\"ErrorCode\":0,\"TotalCount\":1,\"Data\":[{\"AgentId\":\"a\"}]}"));
    assertThat(ids(client.fetchDay(DAY, Set.of()))).containsExactly("a");
  }

  @Test
  void aNullRowInDataIsSkippedNotACrash() throws Exception {
    server.enqueue(json("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"TotalCount\":2,\"Data\":[null,{\"AgentId\":\"a\"}]}"));

    assertThat(ids(client.fetchDay(DAY, Set.of()))).containsExactly("a");
  }

  @Test
  void malformedJsonOnceIsRetriedThrough() throws Exception {
    server.enqueue(json("{\"ErrorCode\":0,\"Data\":[{\"AgentId\":"));
    server.enqueue(ok(1, team(1)));

    assertThat(client.fetchDay(DAY, Set.of())).isEqualTo(team(1));
  }

  @Test
  void timeoutIsRetriedThenUnavailable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(150, TimeUnit.MILLISECONDS).build();
    RetryPolicy twice = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5));
    DeskClient c = client(2, twice, Clock.systemUTC(), Sleeper.REAL, pages, impatient);

    DeskException e = catchThrowableOfType(DeskException.class, () -> c.fetchDay(DAY, Set.of()));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("timeout", "2 attempts", "DESK_REGION");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void timeoutOnceIsRetriedThrough() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(ok(1, team(1)));
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(150, TimeUnit.MILLISECONDS).build();
    DeskClient c = client(2, DeskFakes.fastRetries(), Clock.systemUTC(), Sleeper.REAL, pages, impatient);

    assertThat(c.fetchDay(DAY, Set.of())).isEqualTo(team(1));
  }

  @Test
  void aFailedPageFailsTheDay() {
    List<AgentRow> team = team(300);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      return req.offset() == 200 ? error(141004) : page(team, req);
    }));

    assertThatThrownBy(() -> client.fetchDay(DAY, Set.of()))
        .isInstanceOfSatisfying(DeskException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
  }

  @Test
  void theFailingPagesCauseReachesTheUserNotASiblingsAbort() throws Exception {
    List<AgentRow> team = team(400);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      return switch (req.offset()) {
        case 100 -> new MockResponse().setResponseCode(502);
        case 300 -> error(141004);
        default -> page(team, req);
      };
    }));
    try (LogCapture logs = LogCapture.of(DeskClient.class)) {
      CountDownLatch page300Failed = logs.whenLogged("offset=300 outcome=bad_request");
      // Page 100 backs off after its 502 until page 300 has failed for good, then must stop with page 300's cause.
      Sleeper untilPage300Failed = millis -> page300Failed.await(5, TimeUnit.SECONDS);
      DeskClient c = client(4, DeskFakes.fastRetries(), Clock.systemUTC(), untilPage300Failed, pages, http());

      DeskException e = catchThrowableOfType(DeskException.class, () -> c.fetchDay(DAY, Set.of()));

      assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
      assertThat(e.code()).isEqualTo(141004);
      assertThat(page300Failed.getCount()).isZero();
    }
  }

  @Test
  void growingTotalCountStillGivesOneRowPerAgent() throws Exception {
    List<AgentRow> before = team(150);
    List<AgentRow> after = new ArrayList<>();
    after.add(DeskFakes.row("agent-new"));
    after.addAll(team(250)); // one agent in front shifts every row by one, and 100 more at the end
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(dispatcher(r -> page(calls.getAndIncrement() == 0 ? before : after, request(r))));

    List<AgentRow> rows = client.fetchDay(DAY, Set.of());

    assertThat(ids(rows)).doesNotHaveDuplicates().containsExactlyElementsOf(ids(after));
  }

  @Test
  void shrinkingTotalCountLosesNoAgent() throws Exception {
    List<AgentRow> before = team(250);
    List<AgentRow> after = new ArrayList<>(before);
    after.remove(50); // every later row shifts back by one: agent-0100 would fall between pages
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(dispatcher(r -> page(calls.getAndIncrement() == 0 ? before : after, request(r))));

    List<AgentRow> rows = client.fetchDay(DAY, Set.of());

    assertThat(ids(rows)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(before)).contains("agent-0100");
  }

  @Test
  void pagesShorterThanTheLimitAreNotASilentLoss() throws Exception {
    // Should Desk cap a page below the documented 100, agents fall between the pages: say so in the log.
    List<AgentRow> team = team(150);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      int from = Math.min(req.offset(), 150);
      return ok(150, team.subList(from, Math.min(from + 50, 150)));
    }));
    try (LogCapture logs = LogCapture.of(DeskClient.class)) {
      List<AgentRow> rows = client.fetchDay(DAY, Set.of());

      assertThat(rows).hasSize(100);
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("2025-01-13", "TotalCount 150", "100 agents"));
    }
  }

  @Test
  void totalCountThatNeverSettlesStopsAfterAFewReads() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(dispatcher(r -> {
      // Every request sees a team one agent larger than the last.
      List<AgentRow> now = team(150 + calls.getAndIncrement());
      return page(now, request(r));
    }));

    List<AgentRow> rows = client.fetchDay(DAY, Set.of());

    assertThat(ids(rows)).doesNotHaveDuplicates().contains("agent-0000", "agent-0149");
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(DayPager.MAX_PASSES * 3);
  }

  @Test
  void rateLimitOnOneCallDelaysTheOtherCalls() throws Exception {
    List<AgentRow> team = team(400);
    List<Long> pauses = new CopyOnWriteArrayList<>();
    Sleeper recording = pauses::add;
    Map<Integer, AtomicInteger> callsByOffset = new HashMap<>();
    for (int o = 0; o < 400; o += 100) callsByOffset.put(o, new AtomicInteger());
    CountDownLatch limited = new CountDownLatch(1);
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      int call = callsByOffset.get(req.offset()).incrementAndGet();
      if (req.offset() == 100 && call == 1) {
        limited.countDown();
        return error(141009);
      }
      if (req.offset() == 200) {
        try {
          // Page 200 finishes only well after the rate-limited page 100 (which then sets the shared pause).
          limited.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return page(team, req).setHeadersDelay(200, TimeUnit.MILLISECONDS);
      }
      return page(team, req);
    }));
    Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZONE);
    ExecutorService two = Executors.newFixedThreadPool(2); // pages 100 and 200 first, page 300 after one of them
    try {
      DeskClient c = client(2, RetryPolicy.defaults(), frozen, recording, two, http());

      assertThat(c.fetchDay(DAY, Set.of())).isEqualTo(team);
    } finally {
      two.shutdownNow();
    }

    // Page 100's own retry waits out the pause, and so does page 300 (sent after the pause was set), which Desk
    // never rate-limited; page 200 may too, if it had not been sent yet. Without a shared pause there is one wait.
    assertThat(pauses).hasSizeBetween(2, 3).containsOnly(pauses.get(0));
    assertThat(pauses.get(0)).isBetween(100L, 200L); // half to all of the 200 ms first ceiling
    assertThat(callsByOffset.get(300).get()).isEqualTo(1);
  }

  @Test
  void aCallQueuedForItsPermitWhenDeskRateLimitsStillWaitsOutThePause() throws Exception {
    // One permit: day B's call passes the (open) gate, then queues for the permit while day A's call is at Desk.
    // Desk rate-limits A. B must not be sent the moment A's permit frees up: the pause holds for it too.
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Sleeper simulated = millis -> clock.advance(Duration.ofMillis(millis));
    LocalDate dayA = DAY;
    LocalDate dayB = DAY.plusDays(1);
    long fromB = DayBounds.of(dayB, ZONE).from();
    Thread[] callerB = new Thread[1];
    CountDownLatch bStarted = new CountDownLatch(1);
    AtomicInteger callsA = new AtomicInteger();
    Map<String, Instant> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
    Instant[] limitedAt = new Instant[1];
    server.setDispatcher(dispatcher(r -> {
      DeskRequest req = request(r);
      if (req.from() == fromB) {
        sentAt.putIfAbsent("B", clock.instant());
        return ok(1, team(1));
      }
      if (callsA.getAndIncrement() > 0) return ok(1, team(1));
      try {
        bStarted.await(5, TimeUnit.SECONDS);
        awaitBlockedOnSemaphore(callerB[0]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      limitedAt[0] = clock.instant();
      return error(141009);
    }));
    DeskClient c = client(1, RetryPolicy.defaults(), clock, simulated, pages, http());

    Thread a = new Thread(() -> {
      try {
        c.fetchDay(dayA, Set.of());
      } catch (DeskException e) {
        throw new AssertionError(e);
      }
    });
    a.start();
    callerB[0] = new Thread(() -> {
      bStarted.countDown();
      try {
        c.fetchDay(dayB, Set.of());
      } catch (DeskException e) {
        throw new AssertionError(e);
      }
    });
    // A holds the permit before B starts: B then always queues behind it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.getRequestCount() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
    callerB[0].start();
    a.join(10_000);
    callerB[0].join(10_000);

    assertThat(sentAt).containsKey("B");
    // The first rate-limit pause is at least half of the 200 ms first ceiling.
    assertThat(Duration.between(limitedAt[0], sentAt.get("B"))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  /** Waits (bounded) until {@code t} waits for a permit: the client's limit on calls in flight. */
  private static void awaitBlockedOnSemaphore(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      boolean inAcquire = java.util.Arrays.stream(t.getStackTrace())
          .anyMatch(f -> f.getClassName().endsWith("ConcurrencyLimit") && f.getMethodName().equals("acquire"));
      if (inAcquire && t.getState() == Thread.State.WAITING) return;
      Thread.sleep(1);
    }
    throw new AssertionError("the second call never queued for a permit");
  }

  @Test
  void logsOneLinePerAttemptWithoutSecrets() throws Exception {
    LogCapture logs = LogCapture.of(DeskClient.class);
    try {
      server.enqueue(json(DeskFakes.errorBody(141009, "slow down")));
      server.enqueue(ok(1, team(1)));
      client.fetchDay(DAY, Set.of());

      assertThat(logs.lines()).hasSize(2);
      assertThat(logs.lines().get(0)).contains("day=2025-01-13", "offset=0", "outcome=retry", "code=141009", "ms=");
      assertThat(logs.lines().get(1)).contains("day=2025-01-13", "offset=0", "outcome=ok", "code=0", "ms=");
    } finally {
      logs.close();
    }
  }

  @Test
  void noSecretInMessagesOrLogs() throws Exception {
    LogCapture logs = LogCapture.of(DeskClient.class);
    List<String> messages = new ArrayList<>();
    try {
      // Desk echoing the sig back in ErrorInfo must not carry it into our log.
      server.setDispatcher(dispatcher(r -> json(DeskFakes.errorBody(70009,
          "sig check failed for " + r.getRequestUrl().queryParameter("usersig") + " key " + SECRET))));
      messages.add(catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of())).getMessage());
      server.setDispatcher(dispatcher(r -> new MockResponse().setResponseCode(500)));
      messages.add(catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of())).getMessage());
      server.setDispatcher(dispatcher(r -> json("not json")));
      messages.add(catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of())).getMessage());
      server.setDispatcher(dispatcher(r -> new MockResponse().setResponseCode(404)));
      messages.add(catchThrowableOfType(DeskException.class, () -> client.fetchDay(DAY, Set.of())).getMessage());
    } finally {
      logs.close();
    }
    Set<String> sigs = new HashSet<>();
    for (int i = server.getRequestCount(); i > 0; i--) sigs.add(server.takeRequest().getRequestUrl().queryParameter("usersig"));

    assertThat(logs.lines()).isNotEmpty().anySatisfy(l -> assertThat(l).contains("sig check failed for ***"));
    List<String> everything = new ArrayList<>(messages);
    everything.addAll(logs.lines());
    everything.add(client.toString());
    for (String text : everything) {
      assertThat(text).doesNotContain(SECRET).doesNotContain("usersig").doesNotContain("?");
      for (String sig : sigs) assertThat(text).doesNotContain(sig);
    }
  }

  @Test
  void createBuildsAWorkingClientFromSettings() throws Exception {
    List<AgentRow> team = team(120);
    server.setDispatcher(DeskFakes.pages(team));
    Settings settings = Settings.load(Map.of(
        "DESK_SDKAPPID", String.valueOf(APP_ID), "DESK_SECRET_KEY", SECRET,
        "DESK_API_URL", server.url("/").toString(), "DESK_TIMEZONE", "America/New_York"));

    try (DeskClient c = DeskClient.create(settings, new OkHttpClient(), metrics)) {
      assertThat(c.fetchDay(LocalDate.of(2026, 3, 8), Set.of())).isEqualTo(team);
      assertThat(c.toString()).doesNotContain(SECRET);
    }
    DeskRequest first = request(server.takeRequest());
    assertThat(first.from()).isEqualTo(1772946000L);
    assertThat(first.to()).isEqualTo(1773028799L);
  }

  @Test
  void createWithoutCredentialsNamesTheVariable() {
    Settings settings = Settings.load(Map.of("DESK_API_URL", server.url("/").toString()));

    assertThatThrownBy(() -> DeskClient.create(settings, new OkHttpClient(), metrics))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DESK_SDKAPPID");
  }

  @Test
  void mergeKeepsTheLatestReadAndAddsAgentsOnlyEarlierReadsSaw() {
    AgentRow oldA = DeskFakes.agent("a").sessions(1, 0).build();
    AgentRow newA = DeskFakes.agent("a").sessions(2, 0).build();
    AgentRow b = DeskFakes.row("b");
    AgentRow c = DeskFakes.row("c");

    List<AgentRow> merged = DayPager.merge(List.of(List.of(oldA, b), List.of(c, newA)));

    assertThat(merged).containsExactly(c, newA, b);
    assertThat(merged.stream().collect(Collectors.groupingBy(AgentRow::agentId, Collectors.counting())))
        .containsOnly(Map.entry("a", 1L), Map.entry("b", 1L), Map.entry("c", 1L));
  }
}
