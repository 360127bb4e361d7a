package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Metrics;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several replicas on one PostgreSQL: Quartz's clustered JDBC store fires each digest on one node. */
class ClusteredDigestTest {

  @Test
  void twoNodesOnOneDatabaseAndOneTriggerPostExactlyOnceAndARestartDoesNotPostAgain() throws Exception {
    String url = DigestDatabases.postgresUrl();
    Map<String, String> env = Map.of("DATABASE_URL", url, "DIGEST_GRACE", "6h");
    Clock clock = Clock.systemUTC();
    // A daily trigger due a few seconds from now, subscribed before either node starts.
    ZonedDateTime due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * ?";
    // Pools first: they close after the nodes stop.
    try (HikariDataSource poolA = DigestDatabases.pool(url, 6); HikariDataSource poolB = DigestDatabases.pool(url, 6);
         HikariDataSource poolC = DigestDatabases.pool(url, 6); FakeSlack slack = new FakeSlack(); Nodes nodes = new Nodes(slack)) {
      new SubscriptionStore(poolA).upsert(new Subscription("C1", cron, ZoneOffset.UTC, "U1", clock.instant()));
      Metrics metricsA = new Metrics(false);
      Metrics metricsB = new Metrics(false);
      Digest a = nodes.start("node-a", env, poolA, clock, metricsA);
      Digest b = nodes.start("node-b", env, poolB, clock, metricsB);
      assertThat(a.scheduler().getMetaData().isJobStoreClustered()).isTrue();
      assertThat(b.scheduler().getMetaData().isJobStoreClustered()).isTrue();

      slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(30));
      DeliveryStore deliveries = new DeliveryStore(poolA, clock);
      java.time.LocalDate day = due.toInstant().atZone(FakeReports.ZONE).toLocalDate().minusDays(1);
      awaitTrue(() -> deliveries.scheduled("C1", day).map(d -> d.status() == Delivery.Status.SENT).orElse(false)
          && firedTriggers(poolA) == 0);

      assertThat(slack.calls("chat.postMessage")).hasSize(1);
      assertThat(slack.calls("files.completeUploadExternal")).singleElement()
          .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "C1"));
      // Exactly one node ran the job; the other never even reached the claim.
      String scrapes = metricsA.scrape() + metricsB.scrape();
      assertThat(scrapes).contains("deskstats_digest_deliveries_total{outcome=\"sent\"} 1.0")
          .doesNotContain("outcome=\"duplicate\"");
      assertThat(deliveries.scheduled("C1", day).orElseThrow().claimedBy()).isIn("node-a", "node-b");

      a.stop();
      b.stop();
      Digest c = nodes.start("node-c", env, poolC, clock, new Metrics(false));
      c.catchUpDone().get(10, TimeUnit.SECONDS);
      assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }
  }

  @Test
  void aWeeklyAndADailyDigestOfOneChannelPostOnceEachAcrossTwoReplicas() throws Exception {
    String url = DigestDatabases.postgresUrl();
    Map<String, String> env = Map.of("DATABASE_URL", url, "DIGEST_GRACE", "6h");
    Clock clock = Clock.systemUTC();
    ZonedDateTime due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    String time = due.getSecond() + " " + due.getMinute() + " " + due.getHour();
    String weekday = due.getDayOfWeek().name().substring(0, 3);
    try (HikariDataSource poolA = DigestDatabases.pool(url, 6); HikariDataSource poolB = DigestDatabases.pool(url, 6);
         FakeSlack slack = new FakeSlack(); Nodes nodes = new Nodes(slack)) {
      SubscriptionStore subscriptions = new SubscriptionStore(poolA);
      subscriptions.upsert(new Subscription("C1", time + " * * ?", ZoneOffset.UTC, "U1", clock.instant()));
      subscriptions.upsert(new Subscription("C1", time + " ? * " + weekday, ZoneOffset.UTC, "U1", clock.instant(),
          "weekly", "", true));
      Digest a = nodes.start("node-a", env, poolA, clock, new Metrics(false));
      Digest b = nodes.start("node-b", env, poolB, clock, new Metrics(false));

      slack.awaitCalls("chat.postMessage", 2, Duration.ofSeconds(30));
      DeliveryStore deliveries = new DeliveryStore(poolA, clock);
      java.time.LocalDate today = due.toInstant().atZone(FakeReports.ZONE).toLocalDate();
      java.time.LocalDate lastMonday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(
          java.time.DayOfWeek.MONDAY)).minusWeeks(1);
      var weekly = new com.deskstats.store.DeliveryKey("C1", "weekly", "");
      awaitTrue(() -> deliveries.scheduled(weekly, lastMonday).map(d -> d.status() == Delivery.Status.SENT).orElse(false)
          && deliveries.scheduled("C1", today.minusDays(1)).map(d -> d.status() == Delivery.Status.SENT).orElse(false)
          && firedTriggers(poolA) == 0);
      // One post each; the weekly one brought its chart and its CSV.
      assertThat(slack.calls("chat.postMessage")).hasSize(2);
      assertThat(slack.calls("files.completeUploadExternal")).hasSize(3);
      assertThat(slack.calls("files.getUploadURLExternal")).extracting(c -> c.params().get("filename"))
          .filteredOn(f -> f.endsWith(".csv")).hasSize(1);
      a.stop();
      b.stop();
    }
  }

  @Test
  void aSubscriptionMadeOnOneNodeIsSeenByTheOther() throws Exception {
    String url = DigestDatabases.postgresUrl();
    Map<String, String> env = Map.of("DATABASE_URL", url);
    try (HikariDataSource poolA = DigestDatabases.pool(url, 6); HikariDataSource poolB = DigestDatabases.pool(url, 6);
         FakeSlack slack = new FakeSlack(); Nodes nodes = new Nodes(slack)) {
      Digest a = nodes.start("node-a", env, poolA, Clock.systemUTC(), new Metrics(false));
      Digest b = nodes.start("node-b", env, poolB, Clock.systemUTC(), new Metrics(false));

      a.control().subscribe("C7", Optional.of(java.time.LocalTime.of(8, 30)), "U1");

      var trigger = (org.quartz.CronTrigger) b.scheduler().getTrigger(Scheduling.triggerKey("C7"));
      assertThat(trigger.getCronExpression()).isEqualTo("0 30 8 * * ?");
      assertThat(b.control().list()).contains("<#C7>").contains("every day at 08:30");
      b.control().unsubscribe("C7", "U1");
      assertThat(a.scheduler().getTrigger(Scheduling.triggerKey("C7"))).isNull();
    }
  }

  private static int firedTriggers(javax.sql.DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM qrtz_fired_triggers")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A bounded poll for a condition that follows an event already awaited. */
  private static void awaitTrue(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 15 s");
      Thread.sleep(50);
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }
}
