package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskstats.ops.Metrics;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Desk breaker over a real DeskClient and a MockWebServer Desk that goes down and comes back. */
class DeskBreakerTest {

  static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  static final List<AgentRow> TEAM = DeskFakes.team(3);

  MockWebServer server;
  DeskClient client;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  /** What Desk answers now: null for the team's pages. */
  final AtomicReference<MockResponse> failure = new AtomicReference<>();
  DeskBreaker breaker;

  @BeforeEach
  void start() throws Exception {
    server = DeskFakes.server();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse f = failure.get();
        return f != null ? f : DeskFakes.page(TEAM, DeskFakes.request(request));
      }
    });
    server.start();
    client = DeskFakes.client(server.url("/"), new Metrics(false));
    breaker = new DeskBreaker(client, clock, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdown();
  }

  void deskDown() {
    failure.set(new MockResponse().setResponseCode(503));
  }

  void deskBack() {
    failure.set(null);
  }

  @Test
  void whenEveryCallOfTheMinuteFailedCommandsAreAnsweredAtOnceWithTheLastSentenceAndWhenToRetry() throws Exception {
    deskDown();
    DeskException first = catchThrowableOfType(DeskException.class, () -> breaker.fetchDay(DAY, Set.of()));
    catchThrowableOfType(DeskException.class, () -> breaker.fetchDay(DAY.minusDays(1), Set.of()));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    int requests = server.getRequestCount();
    clock.advance(Duration.ofSeconds(10));
    DeskException refused = catchThrowableOfType(DeskException.class, () -> breaker.fetchDay(DAY, Set.of()));
    assertThat(server.getRequestCount()).as("no Desk call while open").isEqualTo(requests);
    assertThat(refused.userMessage()).startsWith(first.userMessage()).endsWith("The bot will try Desk again in 20 s.");
    assertThat(refused.kind()).isEqualTo(DeskException.Kind.UNAVAILABLE);
  }

  @Test
  void afterTheWaitOneCommandProbesDeskAndItsSuccessClosesTheBreaker() throws Exception {
    deskDown();
    openIt();
    deskBack();
    clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.fetchDay(DAY, Set.of())).hasSize(3);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aProbeThatFailsKeepsItOpenForAnotherWait() throws Exception {
    deskDown();
    openIt();
    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> breaker.fetchDay(DAY, Set.of())).isInstanceOf(DeskException.class);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    int requests = server.getRequestCount();
    assertThatThrownBy(() -> breaker.fetchDay(DAY, Set.of())).hasMessageEndingWith("The bot will try Desk again in 30 s.");
    assertThat(server.getRequestCount()).isEqualTo(requests);
  }

  @Test
  void theDigestKeepsCallingDeskWhileOpenAndOneSuccessClosesIt() throws Exception {
    deskDown();
    openIt();
    DeskSource digest = breaker.always();
    int requests = server.getRequestCount();
    assertThatThrownBy(() -> digest.fetchDay(DAY, Set.of())).isInstanceOf(DeskException.class);
    assertThat(server.getRequestCount()).as("the digest tries Desk on its schedule").isGreaterThan(requests);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    deskBack();
    assertThat(digest.fetchDay(DAY, Set.of())).hasSize(3);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    int before = server.getRequestCount();
    assertThat(breaker.fetchDay(DAY, Set.of())).hasSize(3);
    assertThat(server.getRequestCount()).isGreaterThan(before);
  }

  @Test
  void aSuccessWithinTheMinuteKeepsItClosed() throws Exception {
    breaker.fetchDay(DAY, Set.of());
    deskDown();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> breaker.fetchDay(DAY, Set.of())).isInstanceOf(DeskException.class);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    clock.advance(Duration.ofSeconds(61));
    openIt();
  }

  @Test
  void credentialsRefusedNeverOpenIt() {
    failure.set(DeskFakes.error(60010));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> breaker.fetchDay(DAY, Set.of())).isInstanceOf(DeskException.class);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private void openIt() {
    for (int i = 0; i < 2; i++) {
      LocalDate day = DAY.minusDays(i);
      assertThatThrownBy(() -> breaker.fetchDay(day, Set.of())).isInstanceOf(DeskException.class);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }
}
