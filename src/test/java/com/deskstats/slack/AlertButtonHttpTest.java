package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.ResponseUrlServer.Posted;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alert's "Open today's report" button, clicked in the channel over signed HTTP. */
class AlertButtonHttpTest {
  final SlackHarness h = new SlackHarness();

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void openingTodaysReportFromAnAlertShowsItToTheClickerAloneAndLeavesTheAlertAsItIs() throws Exception {
    h.groups.put("tier1", "alice@example.com");
    assertThat(h.action(ReportBlocks.ACTION_OPEN, "today group tier1", false, "o1").statusCode()).isEqualTo(200);
    Posted p = h.responses.await("o1", Duration.ofSeconds(10));

    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.replaceOriginal()).isFalse();
    assertThat(p.json().getAsJsonArray("blocks")).isNotEmpty();
    assertThat(h.reports.calls).containsExactly("report 2026-11-25 group tier1");
  }
}
