package com.deskstats.digest;

import com.deskstats.delivery.SlackCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Metrics;
import com.deskstats.stats.Period;
import com.deskstats.stats.ReportCsv;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryKey;
import com.deskstats.store.DeliveryStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeGroups;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weekly and group digests: last week's report, once per channel, group and week, the CSV when asked. */
class WeeklyDigestTest {

  // Monday 30 Nov 2026 09:00 in Shanghai.
  static final Instant MONDAY_9 = Instant.parse("2026-11-30T01:00:00Z");
  static final Period LAST_WEEK = new Period(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));

  FakeSlack slack;
  FakeReports reports;
  FakeGroups groups;
  DeliveryStore deliveries;
  Deliverer deliverer;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    MutableClock clock = new MutableClock(MONDAY_9.plusMillis(20));
    reports = new FakeReports();
    groups = new FakeGroups().put("tier1", "alice@example.com");
    deliveries = new DeliveryStore(DigestDatabases.h2(), clock);
    deliverer = new Deliverer(reports, groups, FakeRenderer.renderer(),
        new SlackCalls(slack.methods(Nodes.BOT_TOKEN), w -> { }), deliveries, new Metrics(false), clock,
        FakeReports.ZONE, "node-a", null, com.deskstats.text.Language.EN);
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @ParameterizedTest(name = "fired {0} reports {1}")
  @CsvSource({
      "2026-11-30T01:00:00Z, 2026-11-23..2026-11-29",
      "2026-12-02T01:00:00Z, 2026-11-23..2026-11-29",
      "2026-12-06T15:00:00Z, 2026-11-23..2026-11-29",
      "2026-12-06T16:30:00Z, 2026-11-30..2026-12-06"})
  void aWeeklyDigestReportsLastWeekMondayToSundayWhateverDayItPosts(Instant fire, String period) {
    assertThat(deliverer.reported().period(new DeliveryKey("C1", "weekly", ""), fire).token()).isEqualTo(period);
    assertThat(deliverer.reported().period(DeliveryKey.daily("C1"), fire))
        .isEqualTo(Period.day(fire.atZone(FakeReports.ZONE).toLocalDate().minusDays(1)));
  }

  @Test
  void aWeeklyGroupDigestWithCsvPostsOnceWithChartAndCsvOfTheGroup() {
    Target weekly = new Target(new DeliveryKey("C1", "weekly", "tier1"), true);

    assertThat(deliverer.scheduled(weekly, MONDAY_9).outcome()).isEqualTo("sent");
    assertThat(deliverer.scheduled(weekly, MONDAY_9.plusSeconds(60)).outcome()).isEqualTo("duplicate");
    // The daily digest of the same channel is another digest: it posts too.
    assertThat(deliverer.scheduled(Target.daily("C1"), MONDAY_9).outcome()).isEqualTo("sent");

    assertThat(reports.calls).containsExactly("report " + LAST_WEEK.token() + " group tier1",
        "report " + Period.day(LocalDate.of(2026, 11, 29)).token());
    assertThat(slack.calls("chat.postMessage")).hasSize(2);
    assertThat(slack.calls("files.getUploadURLExternal")).extracting(c -> c.params().get("filename"))
        .containsExactly("desk-stats-2026-11-23..2026-11-29.png", "desk-stats-2026-11-23..2026-11-29.csv",
            "desk-stats-2026-11-29.png");
    byte[] csv = slack.calls("upload").get(1).bodyBytes();
    assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith(ReportCsv.BOM + "AgentId,AgentNickName,");
    assertThat(deliveries.scheduled(weekly.key(), LAST_WEEK.from()).orElseThrow().status())
        .isEqualTo(Delivery.Status.SENT);
  }

  @Test
  void aGroupGoneByDeliveryTimeIsOneSentenceInTheChannelAndNoReport() {
    Target gone = new Target(new DeliveryKey("C1", "daily", "night-shift"), false);

    Deliverer.Outcome out = deliverer.scheduled(gone, MONDAY_9);

    assertThat(out.outcome()).isEqualTo("group_missing");
    assertThat(reports.calls).isEmpty();
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.params().get("text"))
        .isEqualTo("The desk-stats digest for Sun 29 Nov 2026 could not be made: there is no group `night-shift` any "
            + "more; make it again or unsubscribe its digest."));
    assertThat(deliveries.scheduled(gone.key(), LocalDate.of(2026, 11, 29)).orElseThrow().status())
        .isEqualTo(Delivery.Status.FAILED);
  }
}
