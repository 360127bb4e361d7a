package com.deskstats.preview;

import static com.deskstats.slack.ReportFormat.count;
import static com.deskstats.slack.ReportFormat.percent;
import static com.deskstats.slack.ReportFormat.ratio;
import static com.deskstats.slack.ReportFormat.seconds;
import static com.deskstats.slack.ReportFormat.span;

import com.deskstats.slack.CardTrends;
import com.deskstats.slack.ReportFormat;
import com.deskstats.slack.ReportFormat.Good;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.TeamMedians;
import com.deskstats.stats.TeamSummary;
import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/** The team report and the agent card as aligned terminal tables, the text {@link Preview} prints without --json. */
final class TerminalText {
  private TerminalText() {}

  private static final String SAMPLE_MARK = "=== SAMPLE DATA: the bundled demo team, not your Desk ===";
  private static final int NAME_WIDTH = 28;
  /** Package-visible so that Preview's "no such agent" sentence cuts an AgentId as the tables do. */
  static final int ID_WIDTH = 34;

  /** The team report for a terminal: header, summary with changes, both boards, needs attention, context. */
  static String report(Report r, Clock clock) {
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(SAMPLE_MARK).append("\n\n");
    s.append("Desk team report · ").append(r.period().label()).append('\n');
    s.append(context(r, clock)).append("\n\n");

    TeamSummary cur = r.current() == null ? TeamSummary.EMPTY : r.current();
    TeamSummary prev = r.previous() == null || r.previous().activeAgents() == 0 ? null : r.previous();
    s.append("Team summary").append(prev == null ? "" : " (change vs " + r.comparison().label() + ")").append('\n');
    TextTable summary = new TextTable(false, true, false);
    summary.row("Sessions", count(cur.sessions()), prev == null ? "" : ReportFormat.countChange(cur.sessions(), prev.sessions()));
    summary.row("Active agents", count(cur.activeAgents()),
        prev == null ? "" : ReportFormat.countChange(cur.activeAgents(), prev.activeAgents()));
    summary.row("Satisfaction", ratio(cur.satisfied(), cur.rated()),
        prev == null ? "" : ReportFormat.judged(ReportFormat.shareChange(cur.satisfaction(), prev.satisfaction()), Good.UP));
    summary.row("First response", cur.firstResponse().isPresent() ? seconds(cur.firstResponse().getAsDouble()) + " avg" : "—",
        prev == null ? "" : ReportFormat.judged(ReportFormat.secondsChange(cur.firstResponse(), prev.firstResponse()),
            Good.DOWN));
    summary.row("Within 30 s", cur.firstRespUnder30Share().isPresent()
        ? percent(cur.firstRespUnder30Share().getAsDouble()) + " of answered" : "—",
        prev == null ? "" : ReportFormat.judged(
            ReportFormat.shareChange(cur.firstRespUnder30Share(), prev.firstRespUnder30Share()), Good.UP));
    summary.row("Unreplied", count(cur.unreplied()),
        prev == null ? "" : ReportFormat.judged(ReportFormat.countChange(cur.unreplied(), prev.unreplied()), Good.DOWN));
    s.append(summary.render("  ")).append('\n');

    int top = Math.max(0, r.topN());
    table(s, "Satisfaction · at least " + r.minRatings() + (r.minRatings() == 1 ? " rating" : " ratings")
        + ", fairest first (Wilson lower bound)",
        "No agent has " + (r.minRatings() <= 1 ? "a rating" : "at least " + r.minRatings() + " ratings")
            + " in this period.",
        r.satisfaction(), top,
        new TextTable(true, false, false, true, true).row("#", "Agent", "AgentId", "Satisfaction", "Move"),
        x -> new String[] {String.valueOf(x.rank()), name(x.agent()), id(x.agent()),
            ratio(x.agent().satisfiedSessions(), x.agent().ratedSessions()), r.comparison().satisfactionMove(x).text()});
    s.append('\n');
    table(s, "First response · agents who answered, fastest average first",
        "No agent answered a session in this period.", r.firstResponse(), top,
        new TextTable(true, false, false, true, true, true)
            .row("#", "Agent", "AgentId", "Average", "Within 30 s", "Move"),
        x -> new String[] {String.valueOf(x.rank()), name(x.agent()), id(x.agent()),
            seconds(x.agent().avgFirstRespTime()), share(x.agent().firstRespUnder30Share()),
            r.comparison().firstResponseMove(x).text()});
    s.append('\n');
    table(s, "Needs attention · unreplied sessions", "Every session got a reply.", r.needsAttention(), top,
        new TextTable(false, false, true, true).row("Agent", "AgentId", "Unreplied", "Sessions"),
        a -> new String[] {name(a), id(a), count(a.unrepliedSessions()), count(a.totalSessions())});
    if (r.sample()) s.append('\n').append(SAMPLE_MARK).append('\n');
    return s.toString();
  }

  /** One agent's card for a terminal: every metric beside the team median, and both ranks. */
  static String card(AgentCard c, Clock clock) {
    Report r = c.report();
    AgentStats a = c.agent();
    TeamMedians m = c.medians();
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(SAMPLE_MARK).append("\n\n");
    s.append("Agent card · ").append(r.period().label()).append('\n');
    s.append(context(r, clock)).append("\n\n");
    s.append(name(a)).append("  (").append(id(a)).append(")\n");
    s.append("Satisfaction board:   ").append(rank(c.satisfactionRank(), r.satisfaction().size(),
        c.satisfactionRank().isEmpty() ? "" : r.comparison().satisfactionMove(new Ranked(c.satisfactionRank().getAsInt(), a)).text(),
        "not ranked: " + count(a.ratedSessions()) + (a.ratedSessions() == 1 ? " rating" : " ratings") + ", needs "
            + r.minRatings())).append('\n');
    s.append("First response board: ").append(rank(c.firstResponseRank(), r.firstResponse().size(),
        c.firstResponseRank().isEmpty() ? "" : r.comparison().firstResponseMove(new Ranked(c.firstResponseRank().getAsInt(), a)).text(),
        "not ranked: no answered session")).append("\n\n");

    boolean answered = a.answeredSessions() > 0;
    TextTable t = new TextTable(false, false, false).row("Metric", "This agent", "Team median");
    t.row("Sessions", count(a.totalSessions()), median(m.sessions(), v -> count(Math.round(v))));
    t.row("Answered", count(a.answeredSessions()), "");
    t.row("Unreplied", count(a.unrepliedSessions()), median(m.unreplied(), v -> count(Math.round(v))));
    t.row("Satisfaction", ratio(a.satisfiedSessions(), a.ratedSessions()), median(m.satisfaction(), ReportFormat::percent));
    t.row("First response", answered ? seconds(a.avgFirstRespTime()) + " avg" : "no answered sessions",
        median(m.avgFirstRespTime(), ReportFormat::seconds));
    t.row("Within 30 s", share(a.firstRespUnder30Share()), median(m.firstRespUnder30Share(), ReportFormat::percent));
    t.row("Response", answered ? seconds(a.avgRespTime()) + " avg · " + count(a.avgRespUnder30s()) + " within 30 s" : "—",
        median(m.avgRespTime(), ReportFormat::seconds));
    t.row("Session duration", a.totalSessions() == 0 ? "—" : seconds(a.avgAcceptTime()) + " avg · "
        + span(a.totalAcceptTime()) + " in all", median(m.avgAcceptTime(), ReportFormat::seconds));
    t.row("Transferred", count(a.transferSessions()), "");
    t.row("Effective", count(a.effectiveSessions()), "");
    t.row("Ended by agent", count(a.agentEndCount()), "");
    t.row("Users served", count(a.servedUsers()), median(m.servedUsers(), v -> count(Math.round(v))));
    t.row("Messages", count(a.agentMessages()) + " by agent · " + count(a.userMessages()) + " by users · "
        + count(a.totalMessages()) + " in all", median(m.agentMessages(), v -> count(Math.round(v)) + " by agent"));
    t.row("Online", span(a.freeTime() + a.busyTime() + a.restTime()) + " (idle " + span(a.freeTime()) + " · busy "
        + span(a.busyTime()) + " · break " + span(a.restTime()) + ")", "");
    t.row("First login", ReportFormat.timestamp(a.firstLoginTimestamp(), r.zone()), "");
    t.row("Last logout", ReportFormat.timestamp(a.lastLogoutTimestamp(), r.zone()), "");
    s.append(t.render("  "));
    if (!c.trends().sessions().values().isEmpty()) {
      s.append("\nLast ").append(AgentTrends.DAYS).append(" days (lowest ▁ to highest █, blank: no data)\n");
      CardTrends.text(c.trends()).lines().forEach(l -> s.append("  ").append(l).append('\n'));
    }
    if (r.sample()) s.append('\n').append(SAMPLE_MARK).append('\n');
    return s.toString();
  }

  /** One section of the report: its title, then the first {@code top} rows, or {@code none} when it is empty. */
  private static <T> void table(StringBuilder s, String title, String none, List<T> items, int top, TextTable t,
      Function<T, String[]> row) {
    s.append(title).append('\n');
    if (items.isEmpty()) {
      s.append("  ").append(none).append('\n');
      return;
    }
    for (T x : items.subList(0, Math.min(top, items.size()))) t.row(row.apply(x));
    s.append(t.render("  ")).append(more(items.size(), top));
  }

  private static String context(Report r, Clock clock) {
    return "Period " + r.period().label() + " · days in " + r.zone().getId() + " · "
        + ReportFormat.dataAge(r.dataAsOf(), r.zone(), clock.instant()) + " · compared with " + r.comparison().label()
        + (r.previous() == null || r.previous().activeAgents() == 0 ? ", no data then" : "");
  }

  private static String name(AgentStats a) {
    return TextTable.clean(a.displayName(), NAME_WIDTH);
  }

  private static String id(AgentStats a) {
    return TextTable.clean(a.agentId(), ID_WIDTH);
  }

  private static String share(OptionalDouble share) {
    return share.isPresent() ? percent(share.getAsDouble()) : "—";
  }

  private static String rank(OptionalInt rank, int of, String move, String otherwise) {
    return rank.isPresent() ? "#" + rank.getAsInt() + " of " + count(of) + " " + move : otherwise;
  }

  private static String median(OptionalDouble m, DoubleFunction<String> f) {
    return m.isPresent() ? f.apply(m.getAsDouble()) : "—";
  }

  private static String more(int total, int shown) {
    return total > shown ? "  …and " + count(total - shown) + " more\n" : "";
  }
}
