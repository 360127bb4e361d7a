package com.deskstats.testing;

import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builders for {@link AgentRow} and {@link AgentStats}, and an in-memory {@link DaySource}, for any test. */
public final class StatsFakes {

  private StatsFakes() {}

  /** A day row for {@code agentId} with every number 0 and no nickname; set what the test needs. */
  public static RowBuilder row(String agentId) {
    return new RowBuilder(agentId);
  }

  /** An agent over a period with every number 0 and no nickname; set what the test needs. */
  public static AgentBuilder agent(String agentId) {
    return new AgentBuilder(agentId);
  }

  /** An empty in-memory day source: days without rows answer with no rows. */
  public static FakeDays days() {
    return new FakeDays();
  }

  /** Fluent builder of {@link AgentRow}; field names follow Desk's. */
  public static final class RowBuilder {
    private final String agentId;
    private String nickname = "";
    private long firstLogin;
    private long lastLogout;
    private long freeTime;
    private long busyTime;
    private long restTime;
    private long totalSessions;
    private long transferSessions;
    private long effectiveSessions;
    private long agentEnd;
    private long servedUsers;
    private long totalAcceptTime;
    private long totalMsg;
    private long agentMsg;
    private long userMsg;
    private long notResp;
    private long avgFirstResp;
    private long firstRespUnder30;
    private long avgResp;
    private long avgRespUnder30;
    private long avgAccept;
    private long rated;
    private long satisfied;

    private RowBuilder(String agentId) {
      this.agentId = agentId;
    }

    public RowBuilder nickname(String v) { nickname = v; return this; }
    public RowBuilder login(long firstLogin, long lastLogout) { this.firstLogin = firstLogin; this.lastLogout = lastLogout; return this; }
    public RowBuilder times(long free, long busy, long rest) { freeTime = free; busyTime = busy; restTime = rest; return this; }
    /** TotalSessionCnt and NotRespSessionCnt. */
    public RowBuilder sessions(long total, long unreplied) { totalSessions = total; notResp = unreplied; return this; }
    public RowBuilder transfers(long v) { transferSessions = v; return this; }
    public RowBuilder effective(long v) { effectiveSessions = v; return this; }
    public RowBuilder agentEnd(long v) { agentEnd = v; return this; }
    public RowBuilder servedUsers(long v) { servedUsers = v; return this; }
    /** TotalAcceptTime and AvgAcceptTime as Desk reports them. */
    public RowBuilder accept(long total, long avg) { totalAcceptTime = total; avgAccept = avg; return this; }
    public RowBuilder messages(long total, long agent, long user) { totalMsg = total; agentMsg = agent; userMsg = user; return this; }
    /** AvgFirstRespTime and FirstRespUnder30sCnt. */
    public RowBuilder firstResp(long avg, long under30) { avgFirstResp = avg; firstRespUnder30 = under30; return this; }
    /** AvgRespTime and AvgRespUnder30sCnt. */
    public RowBuilder resp(long avg, long under30) { avgResp = avg; avgRespUnder30 = under30; return this; }
    /** SatisfiedCnt out of SatisfactionSelectedCnt. */
    public RowBuilder ratings(long satisfiedCnt, long ratedCnt) { satisfied = satisfiedCnt; rated = ratedCnt; return this; }

    public AgentRow build() {
      return new AgentRow(agentId, nickname, firstLogin, lastLogout, freeTime, busyTime, restTime, totalSessions,
          transferSessions, effectiveSessions, agentEnd, servedUsers, totalAcceptTime, totalMsg, agentMsg, userMsg,
          notResp, avgFirstResp, firstRespUnder30, avgResp, avgRespUnder30, avgAccept, rated, satisfied);
    }
  }

  /** Fluent builder of {@link AgentStats}. */
  public static final class AgentBuilder {
    private final String agentId;
    private String nickname = "";
    private long firstLogin;
    private long lastLogout;
    private long freeTime;
    private long busyTime;
    private long restTime;
    private long totalSessions;
    private long transferSessions;
    private long effectiveSessions;
    private long agentEnd;
    private long servedUsers;
    private long totalAcceptTime;
    private long totalMsg;
    private long agentMsg;
    private long userMsg;
    private long unreplied;
    private double avgFirstResp;
    private long firstRespUnder30;
    private double avgResp;
    private long avgRespUnder30;
    private double avgAccept;
    private long rated;
    private long satisfied;

    private AgentBuilder(String agentId) {
      this.agentId = agentId;
    }

    public AgentBuilder nickname(String v) { nickname = v; return this; }
    public AgentBuilder login(long firstLogin, long lastLogout) { this.firstLogin = firstLogin; this.lastLogout = lastLogout; return this; }
    public AgentBuilder times(long free, long busy, long rest) { freeTime = free; busyTime = busy; restTime = rest; return this; }
    /** Total sessions and unreplied sessions. */
    public AgentBuilder sessions(long total, long unrepliedCnt) { totalSessions = total; unreplied = unrepliedCnt; return this; }
    public AgentBuilder transfers(long v) { transferSessions = v; return this; }
    public AgentBuilder effective(long v) { effectiveSessions = v; return this; }
    public AgentBuilder agentEnd(long v) { agentEnd = v; return this; }
    public AgentBuilder servedUsers(long v) { servedUsers = v; return this; }
    /** Total and average session duration. */
    public AgentBuilder accept(long total, double avg) { totalAcceptTime = total; avgAccept = avg; return this; }
    public AgentBuilder messages(long total, long agent, long user) { totalMsg = total; agentMsg = agent; userMsg = user; return this; }
    /** Average first response time and sessions first-answered within 30 s. */
    public AgentBuilder firstResp(double avg, long under30) { avgFirstResp = avg; firstRespUnder30 = under30; return this; }
    public AgentBuilder resp(double avg, long under30) { avgResp = avg; avgRespUnder30 = under30; return this; }
    /** Satisfied out of rated sessions. */
    public AgentBuilder ratings(long satisfiedCnt, long ratedCnt) { satisfied = satisfiedCnt; rated = ratedCnt; return this; }

    public AgentStats build() {
      return new AgentStats(agentId, nickname, firstLogin, lastLogout, freeTime, busyTime, restTime, totalSessions,
          transferSessions, effectiveSessions, agentEnd, servedUsers, totalAcceptTime, totalMsg, agentMsg, userMsg,
          unreplied, avgFirstResp, firstRespUnder30, avgResp, avgRespUnder30, avgAccept, rated, satisfied);
    }
  }

  /** An in-memory {@link DaySource} that records which days were asked for; safe to call from many threads. */
  public static final class FakeDays implements DaySource {
    private final Map<LocalDate, List<AgentRow>> rows = new ConcurrentHashMap<>();
    private final Map<LocalDate, Instant> fetchedAt = new ConcurrentHashMap<>();
    private final Map<LocalDate, DeskException> failures = new ConcurrentHashMap<>();
    private final List<LocalDate> requested = Collections.synchronizedList(new ArrayList<>());
    private Instant defaultFetchedAt = Instant.parse("2026-11-25T01:00:00Z");
    private volatile boolean sample;

    private FakeDays() {}

    /** The rows Desk has for a day (replacing any earlier ones). */
    public FakeDays on(LocalDate day, AgentRow... dayRows) {
      rows.put(day, List.of(dayRows));
      return this;
    }

    /** The rows for a day, as a list. */
    public FakeDays on(LocalDate day, List<AgentRow> dayRows) {
      rows.put(day, List.copyOf(dayRows));
      return this;
    }

    /** When a day's rows say they were fetched. */
    public FakeDays fetchedAt(LocalDate day, Instant at) {
      fetchedAt.put(day, at);
      return this;
    }

    /** When any day without its own {@link #fetchedAt(LocalDate, Instant)} says it was fetched. */
    public FakeDays fetchedAt(Instant at) {
      defaultFetchedAt = at;
      return this;
    }

    /** Asking for this day throws {@code e}. */
    public FakeDays failOn(LocalDate day, DeskException e) {
      failures.put(day, e);
      return this;
    }

    /** Asking for this day works again (undoes {@link #failOn}). */
    public FakeDays recoverOn(LocalDate day) {
      failures.remove(day);
      return this;
    }

    public FakeDays sample(boolean v) {
      sample = v;
      return this;
    }

    @Override
    public DayRows day(LocalDate day) throws DeskException {
      requested.add(day);
      DeskException e = failures.get(day);
      if (e != null) throw e;
      return new DayRows(day, rows.getOrDefault(day, List.of()), fetchedAt.getOrDefault(day, defaultFetchedAt));
    }

    private final List<String> partials = Collections.synchronizedList(new ArrayList<>());

    /** A partial day: recorded as "2026-11-22 until 14:05", then the day's rows (a fake day has no time of day). */
    @Override
    public DayRows dayUntil(LocalDate day, java.time.LocalTime until) throws DeskException {
      partials.add(day + " until " + until);
      DeskException e = failures.get(day);
      if (e != null) throw e;
      return new DayRows(day, rows.getOrDefault(day, List.of()), fetchedAt.getOrDefault(day, defaultFetchedAt));
    }

    /** Every partial day asked for so far. */
    public List<String> partials() {
      synchronized (partials) {
        return List.copyOf(partials);
      }
    }

    @Override
    public boolean sample() {
      return sample;
    }

    /** Every day asked for so far, in the order asked (order varies when asked from several threads). */
    public List<LocalDate> requested() {
      synchronized (requested) {
        return List.copyOf(requested);
      }
    }

    /** How many times each day was asked for. */
    public Map<LocalDate, Integer> requestCounts() {
      Map<LocalDate, Integer> counts = new HashMap<>();
      for (LocalDate d : requested()) counts.merge(d, 1, Integer::sum);
      return counts;
    }
  }
}
