package com.deskstats.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.deskstats.config.Settings;
import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.store.DayStore;
import com.deskstats.testing.CountingDeskSource;
import com.deskstats.testing.Databases;
import com.deskstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachedDaysTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String SCOPE = "1400000001@Asia/Shanghai";
  private static final Duration SETTLE = Duration.ofHours(2);
  // Noon in Shanghai on 10 March 2026.
  private static final Instant NOW = Instant.parse("2026-03-10T04:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  private static final LocalDate CLOSED = LocalDate.of(2026, 3, 8);

  private final MutableClock clock = new MutableClock(NOW);
  private final Metrics metrics = new Metrics(false);
  private final CountingDeskSource desk = CountingDeskSource.ofTeam(30);
  private ExecutorService pool;

  @AfterEach
  void stopThreads() {
    if (pool != null) pool.shutdownNow();
  }

  private CachedDays days(DayStore store, ZoneId zone) {
    return new CachedDays(desk, store, SCOPE, zone, SETTLE, clock, metrics);
  }

  @Test
  void aPartialDayIsReadFromDeskEveryTimeAndNeverCachedNorServedFromTheCache() throws Exception {
    DayStore store = new DayStore(Databases.h2());
    CachedDays days = days(store, SHANGHAI);
    LocalDate weekAgo = TODAY.minusWeeks(1);
    days.day(weekAgo); // the whole closed day is in the cache

    days.dayUntil(weekAgo, java.time.LocalTime.of(12, 0));
    days.dayUntil(weekAgo, java.time.LocalTime.of(12, 0));

    assertThat(desk.calls()).isEqualTo(3);
    assertThat(desk.partials).containsExactly("2026-03-03 until 12:00", "2026-03-03 until 12:00");
    assertThat(store.load(SCOPE, weekAgo).orElseThrow().rows()).isEqualTo(CountingDeskSource.team(weekAgo, 30));
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aClosedDayIsFetchedOnceThenServedFromTheStore(Databases.Kind kind) throws Exception {
    DayStore store = new DayStore(kind.fresh());
    CachedDays days = days(store, SHANGHAI);

    DayRows first = days.day(CLOSED);
    clock.set(NOW.plus(Duration.ofDays(3)));
    DayRows again = days.day(CLOSED);
    DayRows afterRestart = days(store, SHANGHAI).day(CLOSED);

    assertThat(desk.calls()).isEqualTo(1);
    assertThat(first.rows()).isEqualTo(CountingDeskSource.team(CLOSED, 30));
    assertThat(first.fetchedAt()).isEqualTo(NOW);
    assertThat(again).isEqualTo(first);
    assertThat(afterRestart).isEqualTo(first);
    assertThat(store.load(SCOPE, CLOSED)).isPresent();
    assertThat(cacheCount("miss")).isEqualTo(1);
    assertThat(cacheCount("hit")).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aCachedClosedDayCostsNoDeskCall(Databases.Kind kind) throws Exception {
    DayStore store = new DayStore(kind.fresh());
    List<AgentRow> stored = List.of(CountingDeskSource.row("zeta", "张伟 🙂", 1), CountingDeskSource.row("alpha", "", 2));
    Instant fetchedAt = Instant.parse("2026-03-09T01:00:00Z");
    store.save(SCOPE, CLOSED, stored, fetchedAt);

    DayRows rows = days(store, SHANGHAI).day(CLOSED);

    assertThat(desk.calls()).isZero();
    assertThat(rows).isEqualTo(new DayRows(CLOSED, stored, fetchedAt));
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aDayWithinTheSettleWindowIsFetchedEveryTimeAndNotStored(Databases.Kind kind) throws Exception {
    DayStore store = new DayStore(kind.fresh());
    CachedDays days = days(store, SHANGHAI);
    LocalDate yesterday = TODAY.minusDays(1);
    Instant endOfYesterday = TODAY.atStartOfDay(SHANGHAI).toInstant();
    clock.set(endOfYesterday.plus(SETTLE).minusSeconds(1));

    days.day(yesterday);
    clock.set(endOfYesterday.plus(SETTLE));
    DayRows second = days.day(yesterday);

    assertThat(desk.calls(yesterday)).isEqualTo(2);
    assertThat(second.fetchedAt()).isEqualTo(endOfYesterday.plus(SETTLE));
    assertThat(store.load(SCOPE, yesterday)).isEmpty();

    clock.set(endOfYesterday.plus(SETTLE).plusMillis(1));
    days.day(yesterday);
    days.day(yesterday);

    assertThat(desk.calls(yesterday)).isEqualTo(3);
    assertThat(store.load(SCOPE, yesterday)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT2H"})
  void todayIsNeverCached(String settle) throws Exception {
    DayStore store = new DayStore(Databases.h2());
    CachedDays days = new CachedDays(desk, store, SCOPE, SHANGHAI, Duration.parse(settle), clock, metrics);
    clock.set(TODAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant().minusMillis(1));

    days.day(TODAY);
    days.day(TODAY);
    days.day(TODAY);

    assertThat(desk.calls(TODAY)).isEqualTo(3);
    assertThat(store.load(SCOPE, TODAY)).isEmpty();
  }

  @Test
  void aFutureDayIsEmptyWithoutAnyCall() throws Exception {
    CachedDays days = days(new DayStore(Databases.h2()), SHANGHAI);

    DayRows tomorrow = days.day(TODAY.plusDays(1));

    assertThat(tomorrow.rows()).isEmpty();
    assertThat(tomorrow.day()).isEqualTo(TODAY.plusDays(1));
    assertThat(desk.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void eightConcurrentCallersOfAnUncachedClosedDayCostOneFetch(Databases.Kind kind) throws Exception {
    DayStore store = new DayStore(kind.fresh());
    List<DayRows> results = concurrently(days(store, SHANGHAI), CLOSED, 8);

    assertThat(desk.calls()).isEqualTo(1);
    assertThat(results).hasSize(8).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
    assertThat(results.get(0).rows()).hasSize(30);
    assertThat(cacheCount("miss")).isEqualTo(1);
    assertThat(cacheCount("shared")).isEqualTo(7);
    assertThat(store.load(SCOPE, CLOSED)).isPresent();
  }

  @Test
  void concurrentCallersOfTodayShareOneFetchToo() throws Exception {
    DayStore store = new DayStore(Databases.h2());
    List<DayRows> results = concurrently(days(store, SHANGHAI), TODAY, 8);

    assertThat(desk.calls()).isEqualTo(1);
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
    assertThat(store.load(SCOPE, TODAY)).isEmpty();

    days(store, SHANGHAI).day(TODAY);
    assertThat(desk.calls()).isEqualTo(2);
  }

  @Test
  void aFailureReachesEveryWaiterAsTheSameExceptionAndIsNotCached() throws Exception {
    DayStore store = new DayStore(Databases.h2());
    CachedDays days = days(store, SHANGHAI);
    DeskException failure = new DeskException(DeskException.Kind.UNAVAILABLE, 502, "Desk is not answering right now.");
    desk.failNext(failure);
    desk.hold();

    List<Future<DayRows>> calls = start(days, CLOSED, 4);
    desk.awaitFetchStarted();
    awaitShared(3);
    desk.release();
    List<Throwable> errors = new ArrayList<>();
    for (Future<DayRows> f : calls) {
      ExecutionException e = assertThrows(ExecutionException.class, f::get);
      errors.add(e.getCause());
    }

    assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).isSameAs(failure));
    assertThat(desk.calls()).isEqualTo(1);
    assertThat(store.load(SCOPE, CLOSED)).isEmpty();

    DayRows retried = days.day(CLOSED);
    assertThat(desk.calls()).isEqualTo(2);
    assertThat(retried.rows()).hasSize(30);
    assertThat(store.load(SCOPE, CLOSED)).isPresent();
  }

  @Test
  void aFailureOfASingleCallerPropagatesUnchanged() {
    CachedDays days = days(new DayStore(Databases.h2()), SHANGHAI);
    DeskException failure = new DeskException(DeskException.Kind.CREDENTIALS, 70003, "The Desk key is wrong.");
    desk.failNext(failure);

    assertThatThrownBy(() -> days.day(CLOSED)).isSameAs(failure);
  }

  @Test
  void aShortDaylightSavingDayClosesAtItsRealEnd() throws Exception {
    // 8 March 2026 in New York is 23 hours long: it ends at 04:00Z, so it closes after 06:00Z.
    LocalDate springForward = LocalDate.of(2026, 3, 8);
    DayStore store = new DayStore(Databases.h2());
    CachedDays days = days(store, NEW_YORK);

    clock.set(Instant.parse("2026-03-09T06:00:00Z"));
    days.day(springForward);
    assertThat(store.load(SCOPE, springForward)).isEmpty();

    clock.set(Instant.parse("2026-03-09T06:00:01Z"));
    days.day(springForward);
    days.day(springForward);

    assertThat(store.load(SCOPE, springForward)).isPresent();
    assertThat(desk.calls(springForward)).isEqualTo(2);
  }

  @Test
  void aLongDaylightSavingDayClosesAtItsRealEnd() throws Exception {
    // 1 November 2026 in New York is 25 hours long: it ends at 05:00Z, so it is still open at 06:30Z.
    LocalDate fallBack = LocalDate.of(2026, 11, 1);
    DayStore store = new DayStore(Databases.h2());
    CachedDays days = days(store, NEW_YORK);

    clock.set(Instant.parse("2026-11-02T06:30:00Z"));
    days.day(fallBack);
    assertThat(store.load(SCOPE, fallBack)).isEmpty();

    clock.set(Instant.parse("2026-11-02T07:00:01Z"));
    days.day(fallBack);
    days.day(fallBack);

    assertThat(store.load(SCOPE, fallBack)).isPresent();
    assertThat(desk.calls(fallBack)).isEqualTo(2);
  }

  @Test
  void theTodayOfTheDeskZoneDecides() throws Exception {
    // 23:30 UTC on 9 March is already 10 March in Shanghai: 10 March is today, not the future.
    clock.set(Instant.parse("2026-03-09T23:30:00Z"));
    CachedDays days = days(new DayStore(Databases.h2()), SHANGHAI);

    assertThat(days.day(TODAY).rows()).hasSize(30);
    assertThat(days.day(TODAY.plusDays(1)).rows()).isEmpty();
    assertThat(desk.calls()).isEqualTo(1);
  }

  @Test
  void anUnreadableStoreFallsBackToDesk() throws Exception {
    // Not migrated: every store call fails.
    CachedDays days = days(new DayStore(Databases.Kind.H2.empty()), SHANGHAI);

    DayRows rows = days.day(CLOSED);

    assertThat(rows.rows()).hasSize(30);
    assertThat(desk.calls()).isEqualTo(1);
  }

  @Test
  void theFullTeamIsFetchedForRanksAndMedians() throws Exception {
    days(new DayStore(Databases.h2()), SHANGHAI).day(CLOSED);

    assertThat(desk.agentFilters()).containsExactly(Set.of());
  }

  @Test
  void scopeNamesTheApplicationAndTheDeskZone() {
    Settings live = Settings.load(Map.of("DESK_SDKAPPID", "1400000001", "DESK_TIMEZONE", "Europe/Berlin"));
    Settings demo = Settings.load(Map.of("DESK_DEMO", "true"));

    assertThat(CachedDays.scope(live)).isEqualTo("1400000001@Europe/Berlin");
    assertThat(CachedDays.scope(demo)).isEqualTo("sample@Asia/Shanghai");
  }

  @Test
  void sampleFollowsTheDeskSource() {
    CountingDeskSource sampleTeam = new CountingDeskSource(d -> List.of(), true);

    assertThat(new CachedDays(sampleTeam, new DayStore(Databases.h2()), SCOPE, SHANGHAI, SETTLE, clock, metrics).sample())
        .isTrue();
    assertThat(days(new DayStore(Databases.h2()), SHANGHAI).sample()).isFalse();
  }

  @Test
  void directDaysFetchEveryTimeStampedWithTheClock() throws Exception {
    CountingDeskSource sampleTeam = new CountingDeskSource(d -> CountingDeskSource.team(d, 5), true);
    DirectDays days = new DirectDays(sampleTeam, clock);

    DayRows first = days.day(CLOSED);
    clock.set(NOW.plusSeconds(90));
    DayRows second = days.day(CLOSED);

    assertThat(sampleTeam.calls()).isEqualTo(2);
    assertThat(first.rows()).isEqualTo(CountingDeskSource.team(CLOSED, 5));
    assertThat(first.fetchedAt()).isEqualTo(NOW);
    assertThat(second.fetchedAt()).isEqualTo(NOW.plusSeconds(90));
    assertThat(days.sample()).isTrue();
    assertThat(new DirectDays(desk, clock).sample()).isFalse();
  }

  /** Runs n callers of one day while Desk holds the fetch, releasing it once all n-1 others joined. */
  private List<DayRows> concurrently(CachedDays days, LocalDate day, int n) throws Exception {
    desk.hold();
    List<Future<DayRows>> calls = start(days, day, n);
    desk.awaitFetchStarted();
    awaitShared(n - 1);
    desk.release();
    List<DayRows> out = new ArrayList<>();
    for (Future<DayRows> f : calls) out.add(f.get());
    return out;
  }

  private List<Future<DayRows>> start(CachedDays days, LocalDate day, int n) {
    pool = Executors.newFixedThreadPool(n);
    List<Future<DayRows>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) calls.add(pool.submit(() -> days.day(day)));
    return calls;
  }

  /** Waits (bounded) until n callers have joined a fetch under way: they count "shared" before waiting. */
  private void awaitShared(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cacheCount("shared") < n) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("only " + cacheCount("shared") + " callers joined");
      Thread.sleep(1);
    }
  }

  private long cacheCount(String result) {
    Matcher m = Pattern.compile("deskstats_day_cache_total\\{result=\"" + result + "\"} (\\S+)").matcher(metrics.scrape());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
