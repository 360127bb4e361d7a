package com.deskstats.desk;

import com.deskstats.desk.DeskException.Kind;
import com.deskstats.desk.PageCall.Fetch;
import com.deskstats.desk.PageCall.Page;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles one Desk day from its pages: the first page, then the rest in parallel on the executor, reading on
 * while TotalCount grows, reading the day again while it changes, and merging the reads into one list of agents.
 */
final class DayPager {

  /** How often a day is read again when TotalCount moves under our feet. */
  static final int MAX_PASSES = 3;
  /** A TotalCount beyond this is not a team, it is a fault: refuse instead of paging forever. */
  static final int MAX_ROWS = 100_000;

  private static final int PAGE_SIZE = PageCall.PAGE_SIZE;

  // The client's logger, so the paging lines keep the name operators and the log capture filter on.
  private static final Logger log = LoggerFactory.getLogger(DeskClient.class);

  private final PageCall call;
  private final Executor executor;
  private final String where;

  /** The caller ({@link DeskClient}) has checked every argument. */
  DayPager(PageCall call, Executor executor, String where) {
    this.call = call;
    this.executor = executor;
    this.where = where;
  }

  /** Every agent of {@code day} within {@code bounds}, or only {@code agentIds} when that is not empty. */
  List<AgentRow> fetch(LocalDate day, DayBounds bounds, Set<String> agentIds) throws DeskException {
    List<String> ids = agentIds == null ? List.of() : new ArrayList<>(new TreeSet<>(agentIds));
    List<List<AgentRow>> passes = new ArrayList<>();
    for (int pass = 1; ; pass++) {
      Pass read = readPass(new Fetch(day, bounds, ids));
      passes.add(read.rows());
      if (read.consistent()) {
        int reported = read.totals().iterator().next();
        if (read.rows().size() < reported) {
          // Pages came back shorter than Limit: agents between them were not read. Never silently.
          log.warn("Desk TotalCount {} for {} but only {} agents came back over its pages", reported, day,
              read.rows().size());
        }
        break;
      }
      if (pass == MAX_PASSES) {
        log.warn("Desk TotalCount for {} kept changing over {} reads {}; returning every agent seen", day, pass, read.totals());
        break;
      }
      log.info("Desk TotalCount for {} changed while paging {}; reading the day again", day, read.totals());
    }
    return merge(passes);
  }

  /** The latest read in its order, then any agent only an earlier read saw: no agent twice, none lost. */
  static List<AgentRow> merge(List<List<AgentRow>> passes) {
    Map<String, AgentRow> byId = new LinkedHashMap<>();
    for (int i = passes.size() - 1; i >= 0; i--) {
      for (AgentRow row : passes.get(i)) byId.putIfAbsent(row.agentId(), row);
    }
    return List.copyOf(byId.values());
  }

  private record Pass(List<AgentRow> rows, boolean consistent, Set<Integer> totals) {}

  private Pass readPass(Fetch fetch) throws DeskException {
    Page first = call.fetchPage(fetch, 0);
    List<Page> pages = new ArrayList<>(List.of(first));
    Set<Integer> totals = new TreeSet<>(Set.of(first.total()));
    int seen = first.rows().size();
    int target = extend(first.total(), seen, first.rows().size() >= PAGE_SIZE);
    int covered = PAGE_SIZE;
    // A page that reports a larger TotalCount extends the read: keep going until every reported row is covered.
    while (covered < target) {
      if (target > MAX_ROWS) {
        throw new DeskException(Kind.UNAVAILABLE, 0, where + " reported " + target
            + " agents for one day, more than " + MAX_ROWS + ": try again later, and check DESK_SDKAPPID if it persists.");
      }
      List<Integer> offsets = new ArrayList<>();
      for (int o = covered; o < target; o += PAGE_SIZE) offsets.add(o);
      Page last = null;
      for (Page p : fetchAll(fetch, offsets)) {
        pages.add(p);
        totals.add(p.total());
        target = Math.max(target, p.total());
        seen += p.rows().size();
        last = p;
      }
      target = extend(target, seen, last.rows().size() >= PAGE_SIZE);
      covered = offsets.get(offsets.size() - 1) + PAGE_SIZE;
    }
    Map<String, AgentRow> rows = new LinkedHashMap<>();
    for (Page p : pages) {
      for (AgentRow row : p.rows()) rows.putIfAbsent(row.agentId(), row);
    }
    return new Pass(List.copyOf(rows.values()), totals.size() == 1, totals);
  }

  /**
   * How many rows to read: the largest TotalCount reported, unless more rows than that have already come back
   * (Desk left TotalCount out), in which case one more page while the last one was full.
   */
  static int extend(int reportedTotal, int rowsSeen, boolean lastPageFull) {
    return rowsSeen > reportedTotal && lastPageFull ? rowsSeen + 1 : reportedTotal;
  }

  /** The pages at {@code offsets}, fetched on the executor (bounded by the permits), in offset order. */
  private List<Page> fetchAll(Fetch fetch, List<Integer> offsets) throws DeskException {
    List<CompletableFuture<Page>> futures = new ArrayList<>(offsets.size());
    try {
      for (int offset : offsets) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          try {
            return call.fetchPage(fetch, offset);
          } catch (DeskException e) {
            throw new CompletionException(fetch.fail(e));
          }
        }, executor));
      }
    } catch (RejectedExecutionException e) {
      throw fetch.fail(new DeskException(Kind.UNAVAILABLE, 0, "The Desk client is shutting down: try again in a moment."));
    }
    List<Page> pages = new ArrayList<>(offsets.size());
    for (CompletableFuture<Page> f : futures) {
      try {
        pages.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof DeskException de) throw fetch.fail(de);
        log.warn("Desk page for day={} failed unexpectedly: {}", fetch.day(), e.getCause().getClass().getName());
        throw fetch.fail(new DeskException(Kind.UNAVAILABLE, 0, where + " could not be read: try again later."));
      }
    }
    return pages;
  }
}
