package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chinese periods typed into {@code /desk-stats} survive Slack's form encoding and ask Desk for the same days. */
class ChinesePeriodsHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  SlackHarness h = new SlackHarness(Set.of());

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aChinesePeriodOverSignedHttpReportsTheSameDaysAsItsEnglishForm() throws Exception {
    h.command("最近７天", "U42", "C1", "z1");
    h.responses.await("z1", WAIT);
    h.command("2026-11-20 至 2026-11-22 public", "U42", "C1", "z2");
    h.responses.await("z2", WAIT);
    h.command("last 7 days", "U42", "C1", "e1");
    h.responses.await("e1", WAIT);
    assertThat(h.reports.calls).containsExactly("report 2026-11-18..2026-11-24", "report 2026-11-20..2026-11-22",
        "report 2026-11-18..2026-11-24");
  }
}
