package com.deskstats.digest;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.TeamSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reports for the digest tests: an empty team report for any period, or a scripted Desk failure. */
final class FakeReports implements Reports {
  static final ZoneId DESK = ZoneId.of("Asia/Shanghai");

  final List<Period> asked = new CopyOnWriteArrayList<>();
  volatile DeskException failure;
  private final Clock clock;

  FakeReports(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Report report(Period period) throws DeskException {
    asked.add(period);
    if (failure != null) throw failure;
    return new Report(period, DESK, false, Instant.EPOCH, TeamSummary.EMPTY, TeamSummary.EMPTY, List.of(), List.of(),
        List.of(), List.of(), 3, 10);
  }

  @Override
  public Optional<AgentCard> card(Period period, String agentId) {
    return Optional.empty();
  }

  @Override
  public LocalDate today() {
    return clock.instant().atZone(DESK).toLocalDate();
  }

  /** A renderer whose text names the period and whose chart is a few fixed bytes. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  static Renderer renderer() {
    return (report, today, now) -> new Renderer.Rendered("Desk digest for " + report.period().token(),
        List.of(com.slack.api.model.block.Blocks.section(s -> s.text(
            com.slack.api.model.block.composition.BlockCompositions.markdownText("*Digest* " + report.period().token())))),
        PNG);
  }
}
