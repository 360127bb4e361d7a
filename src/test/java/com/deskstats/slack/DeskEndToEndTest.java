package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskClient;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.ReportService;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.ResponseUrlServer.Posted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole path: signed HTTP into Bolt, the real ReportService and DeskClient, Desk as a MockWebServer. */
class DeskEndToEndTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

  final MockWebServer desk = DeskFakes.server();
  final List<AgentRow> team = DeskFakes.team(12);
  final DeskClient client;
  final SlackHarness h;

  DeskEndToEndTest() throws Exception {
    desk.setDispatcher(DeskFakes.pages(team));
    desk.start();
    client = DeskFakes.client(desk.url("/"), new Metrics(false));
    h = new SlackHarness(new ReportService(new DirectDays(client, CLOCK), DeskFakes.ZONE, 3, 10, CLOCK));
  }

  @AfterEach
  void close() throws Exception {
    h.close();
    desk.shutdown();
  }

  @Test
  void reportComesFromDesk() throws Exception {
    assertThat(h.command("yesterday", "r1").statusCode()).isEqualTo(200);
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.body()).contains("Satisfaction").contains("First response").contains("Agent 1");
    assertThat(desk.getRequestCount()).isGreaterThanOrEqualTo(2); // the day and the day before, for changes
  }

  @Test
  void agentLookupByMentionFindsTheDeskAgentByEmail() throws Exception {
    h.slack.user("U5", "agent-0005");
    h.command("agent <@U5>", "r1");
    assertThat(h.responses.await("r1", WAIT).body()).contains("Agent 5");
  }

  @Test
  void unparseableTextCostsNoDeskCall() {
    for (String text : List.of("tomorrow", "agent", "last 99 days", "2026-02-30")) {
      assertThat(h.command(text, "u").body()).contains("Usage");
    }
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(desk.getRequestCount()).isZero();
  }

  @Test
  void forgedRequestCostsNoDeskCall() {
    var forged = new com.deskstats.testing.SlackSigner("wrong").form(h.events(), h.commandBody("yesterday", "U1", "C1", "f"));
    assertThat(h.send(forged).statusCode()).isEqualTo(401);
    assertThat(desk.getRequestCount()).isZero();
  }

  @Test
  void deskCredentialFailureReachesTheUserAsOneSentence() throws Exception {
    desk.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return DeskFakes.error(70003);
      }
    });
    h.command("yesterday", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).doesNotContain("Exception").doesNotContain("\n").isNotBlank();
    assertThat(p.text()).containsAnyOf("DESK_SDKAPPID", "DESK_SECRET_KEY", "DESK_REGION", "DESK_ADMIN_ID");
  }
}
