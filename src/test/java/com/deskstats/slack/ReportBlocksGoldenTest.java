package com.deskstats.slack;

import static com.deskstats.testing.Golden.assertGolden;


import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.testing.RenderFixtures;
import com.deskstats.text.Language;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The Block Kit JSON of a small fixed team, compared exactly with files under src/test/resources/golden/.
 * After an intended change to the layout, regenerate them and review the diff:
 * {@code mvn -o -q test -Dtest=ReportBlocksGoldenTest -Dgolden.update=true}
 */
class ReportBlocksGoldenTest {

  private static final ReportBlocks.Options OPTIONS =
      new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW);
  private static final ReportBlocks.Options ZH =
      new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW, Language.ZH);
  private static final Period YESTERDAY = Period.day(LocalDate.of(2026, 11, 24));

  @Test
  void smallTeamReportMatchesGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    assertGolden("report-small-team.json", ReportBlocks.toPrettyJson(ReportBlocks.report(r, OPTIONS)));
  }

  @Test
  void sampleWeekReportMatchesGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), true);
    assertGolden("report-sample-week.json", ReportBlocks.toPrettyJson(ReportBlocks.report(r, OPTIONS)));
  }

  @Test
  void agentCardMatchesGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    assertGolden("card-hostile-nickname.json",
        ReportBlocks.toPrettyJson(ReportBlocks.card(RenderFixtures.card(r, "bob@example.com"), OPTIONS)));
  }

  @Test
  void smallTeamReportMatchesChineseGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    assertGolden("report-small-team-zh.json", ReportBlocks.toPrettyJson(ReportBlocks.report(r, ZH)));
  }

  @Test
  void sampleWeekReportMatchesChineseGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), true);
    assertGolden("report-sample-week-zh.json", ReportBlocks.toPrettyJson(ReportBlocks.report(r, ZH)));
  }

  @Test
  void agentCardMatchesChineseGolden() throws IOException {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    assertGolden("card-hostile-nickname-zh.json",
        ReportBlocks.toPrettyJson(ReportBlocks.card(RenderFixtures.card(r, "bob@example.com"), ZH)));
  }

}
