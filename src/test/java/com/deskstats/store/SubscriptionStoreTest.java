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

  @org.junit.jupiter.api.Test
  void losingTheRaceToSubscribeAChannelUpdatesItWithoutASecondConnection() throws Exception {
    // Two admins subscribe one channel at once: the other's insert lands between our update and our insert.
    String url = com.deskstats.testing.Databases.Kind.H2.freshUrl();
    com.deskstats.store.Database.migrate(com.deskstats.testing.Databases.dataSource(url));
    Subscription theirs = new Subscription("C9", "0 0 9 * * ?", ZoneId.of("Asia/Shanghai"), "U1", T);
    Subscription ours = new Subscription("C9", "0 30 7 * * ?", ZoneId.of("Asia/Shanghai"), "U2", T.plusSeconds(1));
    com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(1);
    c.setConnectionTimeout(250);
    try (HikariDataSource pool = new HikariDataSource(c)) {
      DataSource racing = racing(pool, () -> new SubscriptionStore(com.deskstats.testing.Databases.dataSource(url)).upsert(theirs));

      assertThat(new SubscriptionStore(racing).upsert(ours)).isFalse();
      assertThat(new SubscriptionStore(pool).find("C9")).hasValue(ours);
    }
  }

  /** A DataSource whose connections run {@code before} the first time a subscription insert is prepared. */
  private static DataSource racing(HikariDataSource pool, Runnable before) {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = method.invoke(pool, args);
          if (!method.getName().equals("getConnection")) return result;
          java.sql.Connection conn = (java.sql.Connection) result;
          return java.lang.reflect.Proxy.newProxyInstance(java.sql.Connection.class.getClassLoader(),
              new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                if (m.getName().equals("prepareStatement") && String.valueOf(a[0]).startsWith("INSERT INTO subscription")
                    && done.compareAndSet(false, true)) {
                  before.run();
                }
                try {
                  return m.invoke(conn, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });
  }
}
