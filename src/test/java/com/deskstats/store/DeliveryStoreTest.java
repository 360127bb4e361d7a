package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.DigestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryStoreTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");

  static DataSource database(String kind) {
    return kind.equals("h2") ? DigestDatabases.h2() : DigestDatabases.pool(DigestDatabases.postgresUrl(), 10);
  }

  static DeliveryStore store(DataSource ds, Instant now) {
    return new DeliveryStore(ds, Clock.fixed(now, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void onlyOneOfManyConcurrentClaimantsWinsTheDay(String kind) throws Exception {
    DataSource ds = database(kind);
    DeliveryStore store = store(ds, NOW);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<OptionalLong>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String node = "node-" + i;
      Callable<OptionalLong> claim = () -> {
        go.await();
        return store.claim("C1", DAY, node);
      };
      results.add(pool.submit(claim));
    }
    go.countDown();
    int winners = 0;
    for (Future<OptionalLong> f : results) if (f.get(10, TimeUnit.SECONDS).isPresent()) winners++;
    pool.shutdown();
    close(ds);

    assertThat(winners).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void testSendsNeverTakeTheDaysSlot(String kind) {
    DataSource ds = database(kind);
    DeliveryStore store = store(ds, NOW);
    long t1 = store.startTest("C1", DAY, "a");
    long t2 = store.startTest("C1", DAY, "a");

    assertThat(t1).isNotEqualTo(t2);
    assertThat(store.claim("C1", DAY, "a")).isPresent();
    assertThat(store.claim("C1", DAY, "b")).isEmpty();
    assertThat(store.claim("C2", DAY, "b")).isPresent();
    assertThat(store.claim("C1", DAY.plusDays(1), "b")).isPresent();
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aStaleClaimWhoseNodeDiedBeforePostingIsTakenOverOnce(String kind) {
    DataSource ds = database(kind);
    long id = store(ds, NOW).claim("C1", DAY, "dead").getAsLong();
    DeliveryStore later = store(ds, NOW.plus(Duration.ofMinutes(16)));

    OptionalLong first = later.claim("C1", DAY, "b");
    OptionalLong second = later.claim("C1", DAY, "c");

    assertThat(first).hasValue(id);
    assertThat(second).isEmpty();
    assertThat(later.scheduled("C1", DAY).orElseThrow().claimedBy()).isEqualTo("b");
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aClaimIsNeverTakenOverOnceSlackAcceptedTheMessageOrWhileFresh(String kind) {
    DataSource ds = database(kind);
    DeliveryStore store = store(ds, NOW);
    long posted = store.claim("C1", DAY, "a").getAsLong();
    store.markPosted(posted, "1700000000.000100", 1);
    store.claim("C2", DAY, "a");

    assertThat(store(ds, NOW.plus(Duration.ofHours(1))).claim("C1", DAY, "b")).isEmpty();
    assertThat(store(ds, NOW.plus(Duration.ofMinutes(14))).claim("C2", DAY, "b")).isEmpty();
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void outcomesAreRecordedWithTimeAndError(String kind) {
    DataSource ds = database(kind);
    DeliveryStore store = store(ds, NOW);
    long sent = store.claim("C1", DAY, "a").getAsLong();
    store.markPosted(sent, "1700000000.000100", 2);
    store.markSent(sent, Optional.empty());
    long failed = store.claim("C2", DAY, "a").getAsLong();
    store.markFailed(failed, "Slack cannot find channel (channel_not_found).", 1);

    Delivery s = store.scheduled("C1", DAY).orElseThrow();
    assertThat(s.status()).isEqualTo(Delivery.Status.SENT);
    assertThat(s.attempts()).isEqualTo(2);
    assertThat(s.messageTs()).hasValue("1700000000.000100");
    assertThat(s.finishedAt()).hasValue(NOW);
    Delivery f = store.last(DeliveryKey.daily("C2")).orElseThrow();
    assertThat(f.status()).isEqualTo(Delivery.Status.FAILED);
    assertThat(f.error()).hasValue("Slack cannot find channel (channel_not_found).");
    assertThat(f.kind()).isEqualTo(Delivery.Kind.SCHEDULED);
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void skippingRecordsTheDayUnlessSomethingIsThere(String kind) {
    DataSource ds = database(kind);
    DeliveryStore store = store(ds, NOW);
    store.claim("C1", DAY, "a");

    assertThat(store.skip("C1", DAY, "b", "late")).isFalse();
    assertThat(store.skip("C2", DAY, "b", "missed by 7h")).isTrue();
    assertThat(store.claim("C2", DAY, "c")).isEmpty();
    Delivery d = store.scheduled("C2", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(d.error()).hasValue("missed by 7h");
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void skippingTurnsAStaleUnpostedClaimIntoTheSkipButNeverAPostedOne(String kind) {
    DataSource ds = database(kind);
    store(ds, NOW).claim("C1", DAY, "dead");
    long posted = store(ds, NOW).claim("C2", DAY, "dead-after-posting").orElseThrow();
    store(ds, NOW).markPosted(posted, "1.0001", 1);
    DeliveryStore later = store(ds, NOW.plus(DeliveryStore.STALE_CLAIM).plusSeconds(1));

    assertThat(later.skip("C1", DAY, "b", "missed by 7h")).isTrue();
    assertThat(later.skip("C1", DAY, "c", "again")).isFalse();
    assertThat(later.skip("C2", DAY, "b", "missed by 7h")).isFalse();
    Delivery d = later.scheduled("C1", DAY).orElseThrow();
    assertThat(d.status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(d.error()).hasValue("missed by 7h");
    assertThat(d.claimedBy()).isEqualTo("b");
    assertThat(d.finishedAt()).isPresent();
    assertThat(later.scheduled("C2", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.CLAIMED);
    close(ds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void lastIsTheNewestDeliveryOfAnyKind(String kind) {
    DataSource ds = database(kind);
    store(ds, NOW).claim("C1", DAY, "a");
    long test = store(ds, NOW.plusSeconds(60)).startTest("C1", DAY, "a");

    assertThat(store(ds, NOW).last(DeliveryKey.daily("C1"))).hasValueSatisfying(d -> {
      assertThat(d.id()).isEqualTo(test);
      assertThat(d.kind()).isEqualTo(Delivery.Kind.TEST);
    });
    assertThat(store(ds, NOW).last(DeliveryKey.daily("C9"))).isEmpty();
    close(ds);
  }

  private static void close(DataSource ds) {
    if (ds instanceof HikariDataSource h) h.close();
  }
}
