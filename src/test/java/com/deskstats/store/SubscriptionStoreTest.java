package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.DigestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionStoreTest {
  static final Instant T = Instant.parse("2026-11-25T01:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void subscriptionsAreAddedMovedListedAndRemoved(String kind) {
    DataSource ds = DeliveryStoreTest.database(kind);
    SubscriptionStore store = new SubscriptionStore(ds);
    Subscription a = new Subscription("C2", "0 0 9 * * ?", ZoneId.of("Asia/Shanghai"), "U1", T);
    Subscription b = new Subscription("C1", "0 30 8 * * ?", ZoneId.of("Europe/Berlin"), "U2", T.plusSeconds(5));

    assertThat(store.upsert(a)).isTrue();
    assertThat(store.upsert(b)).isTrue();
    Subscription moved = new Subscription("C2", "0 15 10 * * ?", ZoneId.of("Asia/Shanghai"), "U3", T.plusSeconds(9));
    assertThat(store.upsert(moved)).isFalse();

    assertThat(store.list()).containsExactly(b, moved);
    assertThat(store.find("C2")).hasValue(moved);
    assertThat(store.delete("C2")).isTrue();
    assertThat(store.delete("C2")).isFalse();
    assertThat(store.list()).containsExactly(b);
    if (ds instanceof HikariDataSource h) h.close();
  }
}
