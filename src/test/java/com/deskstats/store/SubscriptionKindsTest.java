package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.Databases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** V7: a channel holds one daily and one weekly subscription per group, each delivered once per period. */
class SubscriptionKindsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void rowsFromBeforeV7StayDailyTeamSubscriptionsAndTheirDeliveriesStillCount(Databases.Kind kind) throws Exception {
    DataSource ds = kind.empty();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/common",
        "classpath:db/migration/" + (kind == Databases.Kind.H2 ? "h2" : "postgresql")).target("4").load().migrate();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO subscription (channel_id, cron, time_zone, created_by, created_at) "
          + "VALUES ('C1', '0 0 9 * * ?', 'Asia/Shanghai', 'U1', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00')");
      st.executeUpdate("INSERT INTO delivery (channel_id, delivery_day, kind, scheduled_day, status, attempts, claimed_by, "
          + "claimed_at) VALUES ('C1', DATE '2026-11-29', 'scheduled', DATE '2026-11-29', 'sent', 1, 'old', "
          + "TIMESTAMP WITH TIME ZONE '2026-11-30 01:00:00+00')");
    }
    Database.migrate(ds);

    SubscriptionStore subscriptions = new SubscriptionStore(ds);
    assertThat(subscriptions.list()).singleElement().satisfies(s -> {
      assertThat(s.key()).isEqualTo(DeliveryKey.daily("C1"));
      assertThat(s.csv()).isFalse();
    });
    DeliveryStore deliveries = new DeliveryStore(ds, Clock.fixed(NOW, ZoneOffset.UTC));
    // The old day is still recorded for the daily team digest: it is not posted again.
    assertThat(deliveries.claim("C1", LocalDate.of(2026, 11, 29), "new")).isEmpty();
    assertThat(deliveries.claim(new DeliveryKey("C1", "weekly", ""), MONDAY, "new")).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aChannelHoldsOneDailyAndOneWeeklySubscriptionPerGroup(Databases.Kind kind) {
    SubscriptionStore store = new SubscriptionStore(kind.fresh());
    assertThat(store.upsert(new Subscription("C1", "0 0 9 * * ?", SHANGHAI, "U1", NOW))).isTrue();
    assertThat(store.upsert(new Subscription("C1", "0 0 9 ? * MON", SHANGHAI, "U1", NOW, "weekly", "", true))).isTrue();
    assertThat(store.upsert(new Subscription("C1", "0 0 8 * * ?", SHANGHAI, "U1", NOW, "daily", "tier1", false))).isTrue();
    // The same key again moves that subscription instead of adding one.
    assertThat(store.upsert(new Subscription("C1", "0 0 17 ? * FRI", SHANGHAI, "U2", NOW, "weekly", "", false))).isFalse();

    assertThat(store.list()).extracting(s -> s.cadence() + "/" + s.group() + " " + s.cron() + " csv=" + s.csv())
        .containsExactly("daily/ 0 0 9 * * ? csv=false", "daily/tier1 0 0 8 * * ? csv=false",
            "weekly/ 0 0 17 ? * FRI csv=false");
    assertThat(store.delete(new DeliveryKey("C1", "weekly", ""))).isTrue();
    assertThat(store.find(new DeliveryKey("C1", "weekly", ""))).isEmpty();
    assertThat(store.find("C1")).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void eachDigestOfAChannelIsClaimedOncePerPeriodOnItsOwn(Databases.Kind kind) {
    DeliveryStore store = new DeliveryStore(kind.fresh(), Clock.fixed(NOW, ZoneOffset.UTC));
    DeliveryKey daily = DeliveryKey.daily("C1");
    DeliveryKey weekly = new DeliveryKey("C1", "weekly", "");
    DeliveryKey groupWeekly = new DeliveryKey("C1", "weekly", "tier1");
    // Daily for Monday and the week starting that Monday share a first day but not a key.
    assertThat(store.claim(daily, MONDAY, "a")).isPresent();
    assertThat(store.claim(weekly, MONDAY, "a")).isPresent();
    assertThat(store.claim(groupWeekly, MONDAY, "a")).isPresent();
    assertThat(store.claim(weekly, MONDAY, "b")).isEmpty();
    assertThat(store.claim(groupWeekly, MONDAY, "b")).isEmpty();
    assertThat(store.claim(weekly, MONDAY.plusWeeks(1), "b")).isPresent();
    assertThat(store.scheduled(weekly, MONDAY).orElseThrow().claimedBy()).isEqualTo("a");
    assertThat(store.skip(weekly, MONDAY, "b", "late")).isFalse();
  }
}
