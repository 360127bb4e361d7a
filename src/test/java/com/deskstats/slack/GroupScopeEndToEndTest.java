package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.DeskClient;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.ReportService;
import com.deskstats.testing.DeskFakes;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group made from Slack scopes reports and cards computed by the real ReportService from Desk (a MockWebServer):
 * ranks, summary and medians cover the group's agents only.
 */
class GroupScopeEndToEndTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

  final MockWebServer desk = DeskFakes.server();
  final SlackHarness h;

  GroupScopeEndToEndTest() throws Exception {
    desk.setDispatcher(DeskFakes.pages(DeskFakes.team(12)));
    desk.start();
    DeskClient client = DeskFakes.client(desk.url("/"), new Metrics(false));
    h = SlackHarness.stored(new ReportService(new DirectDays(client, CLOCK), DeskFakes.ZONE, 3, 10, CLOCK),
        Set.of("UBOTADMIN"), Set.of(), Ticker.systemTicker());
  }

  @AfterEach
  void close() throws Exception {
    h.close();
    desk.shutdown();
  }

  String run(String text, String user) throws InterruptedException {
    String id = h.nextId();
    h.command(text, user, "C1", id);
    return h.responses.await(id, WAIT).json().toString();
  }

  @Test
  void ranksSummaryAndHeaderCoverTheGroupOnly() throws Exception {
    run("group set tier1 agent-0005 AGENT-0007 agent-0009 ghost@example.com", "UBOTADMIN");

    // First response is 8 s + i for agent i: agent 7 is 8th of the team, 2nd of agents 5, 7 and 9.
    assertThat(run("agent agent-0007", "U1")).contains("*First response board:* #8 of 12");
    String card = run("agent agent-0007 group tier1", "U1");
    assertThat(card).contains("Agent card · group tier1 · Tue 24 Nov 2026").contains("*First response board:* #2 of 3");

    String report = run("yesterday group tier1", "U1");
    assertThat(report).contains("Desk team report · group tier1").contains("3 active agents")
        .contains("Agent 5").contains("Agent 9").doesNotContain("Agent 1*").doesNotContain("Agent 10");
    assertThat(run("agent agent-0001 group tier1", "U1"))
        .contains("No Desk agent with AgentId `agent-0001` was active in Tue 24 Nov 2026 in group `tier1`.");

    int before = desk.getRequestCount();
    String groups = run("groups", "U1");
    assertThat(groups).contains("agent-0005, AGENT-0007, agent-0009, ghost@example.com _(not seen in the last 30 days)_");
    // One 30-day report (and its previous 30 days, for changes) of one page per day: no more than that costs.
    assertThat(desk.getRequestCount() - before).isLessThanOrEqualTo(60);
  }
}
