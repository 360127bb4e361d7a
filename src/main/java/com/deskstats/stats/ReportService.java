package com.deskstats.stats;

import com.deskstats.desk.DeskException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds team reports and agent cards from a {@link DaySource}, fetching a period's days in parallel. */
public final class ReportService implements Reports {

  /** Days fetched at once by the convenience constructor's own pool. */
  public static final int DEFAULT_PARALLEL_DAYS = 4;

  private static final Logger log = LoggerFactory.getLogger(ReportService.class);

  private final DaySource days;
  private final ZoneId zone;
  private final int minRatings;
  private final int topN;
  private final Clock clock;
  private final Executor executor;

  /**
   * @param days where day rows come from (the cache in front of Desk, or the sample team)
   * @param zone the Desk time zone: where days begin and what "today" means
   * @param minRatings rated sessions an agent needs to be on the satisfaction board (MIN_RATINGS)
   * @param topN how many of each board a report shows (TOP_N)
   * @param executor runs the day fetches; its bound is the number of days fetched at once
   */
  public ReportService(DaySource days, ZoneId zone, int minRatings, int topN, Clock clock, Executor executor) {
    if (minRatings < 1) throw new IllegalArgumentException("minRatings must be at least 1");
    if (topN < 1) throw new IllegalArgumentException("topN must be at least 1");
    this.days = days;
    this.zone = zone;
    this.minRatings = minRatings;
    this.topN = topN;
    this.clock = clock;
    this.executor = executor;
  }

  /** As the full constructor, with its own pool of {@link #DEFAULT_PARALLEL_DAYS} daemon threads that end when idle. */
  public ReportService(DaySource days, ZoneId zone, int minRatings, int topN, Clock clock) {
    this(days, zone, minRatings, topN, clock, defaultPool());
  }

  @Override
  public Report report(Period period, Scope scope) throws DeskException {
    long started = System.nanoTime();
    Report report = load(period, scope, List.of()).report();
    log.debug("report {} ({} agents) in {} ms", period.token(), report.agents().size(),
        (System.nanoTime() - started) / 1_000_000);
    return report;
  }

  /** A report and every whole day fetched for it, by date. */
  private record Loaded(Report report, Map<LocalDate, DayRows> days) {}

  /**
   * The one place that decides which days a report needs (SPEC §3): the period, its comparison (a partial last
   * day when the period ends today), and {@code extra} days (a card's trend), all fetched at once in parallel.
   */
  private Loaded load(Period period, Scope scope, List<LocalDate> extra) throws DeskException {
    ZonedDateTime now = clock.instant().atZone(zone);
    Optional<LocalTime> cut = Comparison.cutOf(period, now.toLocalDate(), now.toLocalTime());
    Period before = Comparison.periodOf(period);
    Set<LocalDate> whole = new LinkedHashSet<>(period.dates());
    List<LocalDate> beforeWhole = cut.isPresent() ? before.dates().subList(0, before.days() - 1) : before.dates();
    whole.addAll(beforeWhole);
    whole.addAll(extra);
    List<DayFetch> fetches = new ArrayList<>(whole.size() + 1);
    for (LocalDate d : whole) fetches.add(() -> days.day(d));
    cut.ifPresent(t -> fetches.add(() -> days.dayUntil(before.to(), t)));
    List<DayRows> fetched = fetchAll(fetches);
    Map<LocalDate, DayRows> byDay = new HashMap<>();
    for (int i = 0; i < whole.size(); i++) byDay.put(fetched.get(i).day(), fetched.get(i));
    List<DayRows> current = period.dates().stream().map(byDay::get).toList();
    List<DayRows> previous = new ArrayList<>(beforeWhole.stream().map(byDay::get).toList());
    if (cut.isPresent()) previous.add(fetched.get(fetched.size() - 1));
    return new Loaded(build(period, scope, current, previous, cut), byDay);
  }

  /** The whole days a report of {@code period} reads: its own days, then those it is compared with (SPEC §3). */
  public List<LocalDate> daysNeeded(Period period) {
    List<LocalDate> wanted = new ArrayList<>(period.dates());
    wanted.addAll(Comparison.periodOf(period).dates());
    return wanted;
  }

  /** Reads {@code dates} through the day source, in parallel as a report does, without building a report. */
  public void prefetch(List<LocalDate> dates) throws DeskException {
    List<DayFetch> fetches = new ArrayList<>(dates.size());
    for (LocalDate d : dates) fetches.add(() -> days.day(d));
    fetchAll(fetches);
  }

  /** A report from rows already in hand: {@code current} covers the period, {@code previous} its comparison. */
  public Report build(Period period, List<DayRows> current, List<DayRows> previous) {
    return build(period, Scope.TEAM, current, previous);
  }

  /** As {@link #build(Period, List, List)}, for the agents in {@code scope} only (whole comparison days). */
  public Report build(Period period, Scope scope, List<DayRows> current, List<DayRows> previous) {
    return build(period, scope, current, previous, Optional.empty());
  }

  /** As above; {@code cut} is the clock time the comparison's last day was read up to, when it was partial. */
  public Report build(Period period, Scope scope, List<DayRows> current, List<DayRows> previous,
      Optional<LocalTime> cut) {
    current = current.stream().map(scope::filter).toList();
    previous = previous.stream().map(scope::filter).toList();
    List<AgentStats> listed = List.copyOf(Aggregation.listed(current));
    List<AgentStats> agents = listed.stream().filter(Aggregation::active).toList();
    List<AgentStats> before = Aggregation.aggregate(previous);
    TeamSummary previousSummary = TeamMetrics.summary(before);
    Instant asOf = Instant.EPOCH;
    for (DayRows d : current) {
      if (d.fetchedAt() != null && d.fetchedAt().isAfter(asOf)) asOf = d.fetchedAt();
    }
    return new Report(
        period,
        zone,
        days.sample(),
        asOf,
        TeamMetrics.summary(agents),
        previousSummary,
        agents,
        Leaderboards.satisfaction(agents, minRatings),
        Leaderboards.firstResponse(agents),
        TeamMetrics.needsAttention(agents),
        minRatings,
        topN,
        scope,
        Comparison.of(period, cut, Leaderboards.satisfaction(before, minRatings), Leaderboards.firstResponse(before)),
        listed);
  }

  @Override
  public Optional<AgentCard> card(Period period, Scope scope, String agentId) throws DeskException {
    if (agentId == null || agentId.isBlank()) return Optional.empty();
    List<LocalDate> trendDays = AgentTrends.days(period);
    Loaded loaded = load(period, scope, trendDays);
    return cardOf(loaded.report(), agentId, trendDays.stream().map(loaded.days()::get).toList());
  }

  /** As {@link #cardOf(Report, String, List)} with no trend days at hand: the lines are empty. */
  public static Optional<AgentCard> cardOf(Report report, String agentId) {
    return cardOf(report, agentId, List.of());
  }

  /**
   * The card of one agent of a report already built (no fetch), or empty when no active agent has that AgentId
   * ignoring case and surrounding spaces; an exact AgentId wins over one that differs only in case.
   * {@code trendDays} are the days its trend lines cover, in order.
   */
  public static Optional<AgentCard> cardOf(Report report, String agentId, List<DayRows> trendDays) {
    if (agentId == null || agentId.isBlank()) return Optional.empty();
    agentId = agentId.strip();
    AgentStats found = null;
    for (AgentStats a : report.agents()) {
      if (a.agentId().equals(agentId)) {
        found = a;
        break;
      }
      if (found == null && a.agentId().equalsIgnoreCase(agentId)) found = a;
    }
    if (found == null) return Optional.empty();
    return Optional.of(new AgentCard(
        report,
        found,
        Leaderboards.rankOf(report.satisfaction(), found.agentId()),
        Leaderboards.rankOf(report.firstResponse(), found.agentId()),
        TeamMetrics.medians(report.agents()),
        AgentTrends.of(found.agentId(), trendDays)));
  }

  @Override
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /**
   * Fetches every day on the executor; the result is in the order asked. The first day to fail fails the whole
   * fetch at once, without waiting for slower days (they finish in the background and still fill the cache).
   */
  private List<DayRows> fetchAll(List<DayFetch> dates) throws DeskException {
    List<CompletableFuture<DayRows>> futures = new ArrayList<>(dates.size());
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (DayFetch d : dates) {
      CompletableFuture<DayRows> f = CompletableFuture.supplyAsync(() -> {
        try {
          return d.get();
        } catch (DeskException e) {
          throw new CompletionException(e);
        }
      }, executor);
      f.whenComplete((rows, failure) -> {
        if (failure != null) done.completeExceptionally(failure);
      });
      futures.add(f);
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenRun(() -> done.complete(null));
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelAll(futures);
      throw new DeskException(DeskException.Kind.UNAVAILABLE, 0, "The report was interrupted before Desk answered; try again.", e);
    } catch (ExecutionException e) {
      cancelAll(futures);
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
      if (cause instanceof DeskException de) throw de;
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
    List<DayRows> out = new ArrayList<>(dates.size());
    for (CompletableFuture<DayRows> f : futures) out.add(f.join());
    return out;
  }

  /** One day to read: whole, or up to a clock time. */
  private interface DayFetch {
    DayRows get() throws DeskException;
  }

  /** Drops days not yet started; a CompletableFuture never interrupts a fetch already running. */
  private static void cancelAll(List<CompletableFuture<DayRows>> futures) {
    futures.forEach(f -> f.cancel(false));
  }

  private static Executor defaultPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_PARALLEL_DAYS, DEFAULT_PARALLEL_DAYS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "report-days-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
