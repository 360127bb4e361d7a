package com.deskstats.store;

import static com.deskstats.testing.CountingDeskSource.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.desk.AgentRow;
import com.deskstats.store.DayStore.StoredDay;
import com.deskstats.testing.CountingDeskSource;
import com.deskstats.testing.Databases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DayStoreTest {

  private static final String SCOPE = "1400000001@Asia/Shanghai";
  private static final LocalDate DAY = LocalDate.of(2026, 3, 8);
  private static final Instant FETCHED = Instant.parse("2026-03-09T03:04:05.678Z");

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void roundTripKeepsEveryFieldUnicodeNicknamesAndDesksOrder(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> rows = List.of(
        row("zeta", "张伟", 1),
        row("alpha", "🙂 Ana 👩🏽‍💻", 2),
        row("中文-id", "", 3),
        row("no-nick", null, 4),
        row("x".repeat(256), "名".repeat(512), 5),
        row("emoji-long", "😀".repeat(512), 6),
        new AgentRow("edges", "Ñandú", 0, Long.MAX_VALUE, -1, Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0));

    store.save(SCOPE, DAY, rows, FETCHED);

    StoredDay got = store.load(SCOPE, DAY).orElseThrow();
    assertThat(got.rows()).containsExactlyElementsOf(rows);
    assertThat(got.fetchedAt()).isEqualTo(FETCHED);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void longIdsAndNicknamesAreStoredSoTheDayIsNotFetchedAgain(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> rows = List.of(row("i".repeat(1000) + "@example.com", "名".repeat(2000) + "😀".repeat(1000), 1));

    store.save(SCOPE, DAY, rows, FETCHED);

    assertThat(store.load(SCOPE, DAY).orElseThrow().rows()).containsExactlyElementsOf(rows);
  }

  @Test
  void aFailedBatchIsReportedInOneShortLineWithoutTheRowsValues() {
    java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException(
        "Batch entry 0 INSERT INTO day_cache_row VALUES ('secret-nickname', …) was aborted", "22001", new int[0]);
    batch.setNextException(new java.sql.SQLException("ERROR: value too long for type character varying(256)", "22001"));

    String reason = DayStore.reason(batch);

    assertThat(reason).isEqualTo("ERROR: value too long for type character varying(256) (SQLState 22001)");
    assertThat(DayStore.reason(new java.sql.SQLException("x".repeat(500) + "\nmore", "08001")))
        .hasSize(201 + " (SQLState 08001)".length()).doesNotContain("more");
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void fetchedAtIsKeptToTheMillisecond(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());

    store.save(SCOPE, DAY, List.of(row("a", "A", 1)), Instant.parse("2026-03-09T03:04:05.678912345Z"));

    assertThat(store.load(SCOPE, DAY).orElseThrow().fetchedAt()).isEqualTo(FETCHED);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aDayNotStoredIsEmpty(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    store.save(SCOPE, DAY, List.of(row("a", "A", 1)), FETCHED);

    assertThat(store.load(SCOPE, DAY.plusDays(1))).isEmpty();
    assertThat(store.load(SCOPE, DAY)).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aDayWithNoAgentsIsStoredToo(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());

    store.save(SCOPE, DAY, List.of(), FETCHED);

    assertThat(store.load(SCOPE, DAY)).contains(new StoredDay(List.of(), FETCHED));
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void savingADayAgainIsHarmlessAndTheFirstSaveWins(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> first = List.of(row("a", "A", 1), row("b", "B", 2));

    store.save(SCOPE, DAY, first, FETCHED);
    store.save(SCOPE, DAY, List.of(row("c", "C", 3)), FETCHED.plusSeconds(60));

    assertThat(store.load(SCOPE, DAY)).contains(new StoredDay(first, FETCHED));
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void twoReplicasSavingOneDayAtOnceBothSucceed(Databases.Kind kind) throws Exception {
    DataSource ds = kind.fresh();
    DayStore one = new DayStore(ds);
    DayStore two = new DayStore(ds);
    List<AgentRow> rows = CountingDeskSource.team(DAY, 1_000);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (DayStore s : List.of(one, two)) {
        saves.add(pool.submit((Callable<Void>) () -> {
          start.await();
          s.save(SCOPE, DAY, rows, FETCHED);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : saves) f.get();
    } finally {
      pool.shutdownNow();
    }

    assertThat(one.load(SCOPE, DAY).orElseThrow().rows()).containsExactlyElementsOf(rows);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void scopesAreIsolated(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> shanghai = List.of(row("a", "A", 1));
    List<AgentRow> otherApp = List.of(row("b", "B", 2));

    store.save(SCOPE, DAY, shanghai, FETCHED);
    store.save("1400000002@Asia/Shanghai", DAY, otherApp, FETCHED);

    assertThat(store.load(SCOPE, DAY).orElseThrow().rows()).isEqualTo(shanghai);
    assertThat(store.load("1400000002@Asia/Shanghai", DAY).orElseThrow().rows()).isEqualTo(otherApp);
    assertThat(store.load("1400000001@UTC", DAY)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aThousandAgentsRoundTripAcrossBatches(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> rows = CountingDeskSource.team(DAY, 1_234);

    store.save(SCOPE, DAY, rows, FETCHED);

    assertThat(store.load(SCOPE, DAY).orElseThrow().rows()).containsExactlyElementsOf(rows);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aFailedSaveStoresNothing(Databases.Kind kind) {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> rows = new ArrayList<>(CountingDeskSource.team(DAY, 600));
    rows.add(row(rows.get(0).agentId(), "twice", 9));

    assertThatThrownBy(() -> store.save(SCOPE, DAY, rows, FETCHED))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Saving the cached day 2026-03-08 failed");
    assertThat(store.load(SCOPE, DAY)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void anUnmigratedDatabaseFailsAsAStoreException(Databases.Kind kind) {
    DayStore store = new DayStore(kind.empty());

    assertThatThrownBy(() -> store.load(SCOPE, DAY))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Reading the cached day 2026-03-08 failed");
  }
}
