package com.deskstats.testing;

import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskException;
import com.deskstats.desk.DeskSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake Desk that counts its fetches, per day and in total; it can hold fetches until released (so
 * concurrent callers overlap for real) and fail the next fetch with a given DeskException.
 */
public final class CountingDeskSource implements DeskSource {

  private final Function<LocalDate, List<AgentRow>> team;
  private final boolean sample;
  private final AtomicInteger calls = new AtomicInteger();
  private final Map<LocalDate, AtomicInteger> perDay = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Set<String>> agentFilters = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<DeskException> failures = new ConcurrentLinkedDeque<>();
  private volatile CountDownLatch entered = new CountDownLatch(0);
  private volatile CountDownLatch gate = new CountDownLatch(0);

  public CountingDeskSource(Function<LocalDate, List<AgentRow>> team, boolean sample) {
    this.team = team;
    this.sample = sample;
  }

  /** A team of {@code agents} agents whose figures differ by day. */
  public static CountingDeskSource ofTeam(int agents) {
    return new CountingDeskSource(day -> team(day, agents), false);
  }

  @Override
  public List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) throws DeskException {
    calls.incrementAndGet();
    perDay.computeIfAbsent(day, d -> new AtomicInteger()).incrementAndGet();
    agentFilters.add(Set.copyOf(agentIds));
    entered.countDown();
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the fetch");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    DeskException failure = failures.poll();
    if (failure != null) throw failure;
    return team.apply(day);
  }

  /** The partial days asked for ("2026-11-22 until 14:05"), in order. */
  public final java.util.Queue<String> partials = new ConcurrentLinkedDeque<>();

  /** Records the cut, then reads the whole day as {@link #fetchDay} does (a fake team has no time of day). */
  @Override
  public List<AgentRow> fetchDayUntil(LocalDate day, java.time.LocalTime until, Set<String> agentIds)
      throws DeskException {
    partials.add(day + " until " + until);
    return fetchDay(day, agentIds);
  }

  @Override
  public boolean sample() {
    return sample;
  }

  /** Every fetch from now on waits, after counting itself, until {@link #release()}. */
  public void hold() {
    entered = new CountDownLatch(1);
    gate = new CountDownLatch(1);
  }

  /** Waits until a held fetch has begun. */
  public void awaitFetchStarted() throws InterruptedException {
    if (!entered.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("no fetch started");
  }

  public void release() {
    gate.countDown();
  }

  /** The next fetch throws this (after any hold). */
  public void failNext(DeskException e) {
    failures.add(e);
  }

  public int calls() {
    return calls.get();
  }

  public int calls(LocalDate day) {
    AtomicInteger n = perDay.get(day);
    return n == null ? 0 : n.get();
  }

  /** The AgentIds filter of every fetch so far, in order. */
  public List<Set<String>> agentFilters() {
    return new ArrayList<>(agentFilters);
  }

  /** {@code n} agents for one day, every field distinct; ids deliberately not in sorted order. */
  public static List<AgentRow> team(LocalDate day, int n) {
    List<AgentRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(row("agent-" + ((i * 7919L) % 100_003) + "-" + i, "Agent " + i, day.toEpochDay() * 100_000 + i));
    }
    return rows;
  }

  /** One row whose 22 numbers are all different and derived from {@code seed}. */
  public static AgentRow row(String id, String nickname, long seed) {
    long s = seed * 100;
    return new AgentRow(id, nickname, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7, s + 8, s + 9, s + 10,
        s + 11, s + 12, s + 13, s + 14, s + 15, s + 16, s + 17, s + 18, s + 19, s + 20, s + 21, s + 22);
  }
}
