package com.deskstats.preview;

import com.deskstats.slack.CardTrends;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.TeamMedians;
import com.deskstats.stats.TeamSummary;
import com.deskstats.text.Formats;
import com.deskstats.text.Formats.Good;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/** The team report and the agent card as aligned terminal tables, the text {@link Preview} prints without --json. */
final class TerminalText {
  private TerminalText() {}

  private static final int NAME_WIDTH = 28;
  /** Package-visible so that Preview's "no such agent" sentence cuts an AgentId as the tables do. */
  static final int ID_WIDTH = 34;

  /** The team report for a terminal, in English. */
  static String report(Report r, Clock clock) {
    return report(r, clock, Language.EN);
  }

  /** The team report for a terminal: header, summary with changes, both boards, needs attention, context. */
  static String report(Report r, Clock clock, Language l) {
    Texts t = Texts.of(l);
    Formats f = t.formats();
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(t.get("report.terminal.sample")).append("\n\n");
    s.append(t.get("report.title.team", r.period().label(l))).append('\n');
    s.append(context(r, clock, t)).append("\n\n");

    TeamSummary cur = r.current() == null ? TeamSummary.EMPTY : r.current();
    TeamSummary prev = r.previous() == null || r.previous().activeAgents() == 0 || r.comparison() == null
        ? null : r.previous();
    s.append(prev == null ? t.get("report.terminal.summary")
        : t.get("report.terminal.summary_change", r.comparison().label(l))).append('\n');
    TextTable summary = new TextTable(false, true, false);
    summary.row(t.get("report.label.sessions"), f.count(cur.sessions()),
        prev == null ? "" : f.countChange(cur.sessions(), prev.sessions()));
    summary.row(t.get("report.label.active_agents"), f.count(cur.activeAgents()),
        prev == null ? "" : f.countChange(cur.activeAgents(), prev.activeAgents()));
    summary.row(t.get("report.label.satisfaction"), f.ratio(cur.satisfied(), cur.rated()),
        prev == null ? "" : f.judged(f.shareChange(cur.satisfaction(), prev.satisfaction()), Good.UP));
    summary.row(t.get("report.label.first_response"), cur.firstResponse().isPresent()
            ? t.get("report.value.avg", f.seconds(cur.firstResponse().getAsDouble())) : "—",
        prev == null ? "" : f.judged(f.secondsChange(cur.firstResponse(), prev.firstResponse()), Good.DOWN));
    summary.row(t.get("report.label.within30"), cur.firstRespUnder30Share().isPresent()
            ? t.get("report.value.of_answered", f.percent(cur.firstRespUnder30Share().getAsDouble())) : "—",
        prev == null ? "" : f.judged(f.shareChange(cur.firstRespUnder30Share(), prev.firstRespUnder30Share()), Good.UP));
    summary.row(t.get("report.label.unreplied"), f.count(cur.unreplied()),
        prev == null ? "" : f.judged(f.countChange(cur.unreplied(), prev.unreplied()), Good.DOWN));
    s.append(summary.render("  ")).append('\n');

    int top = Math.max(0, r.topN());
    String agent = t.get("report.terminal.col.agent");
    String move = t.get("report.terminal.col.move");
    table(s, t, t.get("report.terminal.satisfaction", r.minRatings()),
        t.get("report.board.satisfaction_none", r.minRatings()), r.satisfaction(), top,
        new TextTable(true, false, false, true, true).row("#", agent, "AgentId", t.get("report.label.satisfaction"), move),
        x -> new String[] {String.valueOf(x.rank()), name(x.agent()), id(x.agent()),
            f.ratio(x.agent().satisfiedSessions(), x.agent().ratedSessions()),
            r.comparison() == null ? "" : r.comparison().satisfactionMove(x).text(l)});
    s.append('\n');
    table(s, t, t.get("report.terminal.first_response"), t.get("report.board.first_response_none"),
        r.firstResponse(), top,
        new TextTable(true, false, false, true, true, true)
            .row("#", agent, "AgentId", t.get("report.terminal.col.average"), t.get("report.label.within30"), move),
        x -> new String[] {String.valueOf(x.rank()), name(x.agent()), id(x.agent()),
            f.seconds(x.agent().avgFirstRespTime()), share(x.agent().firstRespUnder30Share(), f),
            r.comparison() == null ? "" : r.comparison().firstResponseMove(x).text(l)});
    s.append('\n');
    table(s, t, t.get("report.terminal.attention"), t.get("report.board.attention_none"), r.needsAttention(), top,
        new TextTable(false, false, true, true)
            .row(agent, "AgentId", t.get("report.label.unreplied"), t.get("report.label.sessions")),
        a -> new String[] {name(a), id(a), f.count(a.unrepliedSessions()), f.count(a.totalSessions())});
    if (r.sample()) s.append('\n').append(t.get("report.terminal.sample")).append('\n');
    return s.toString();
  }

  /** One agent's card for a terminal, in English. */
  static String card(AgentCard c, Clock clock) {
    return card(c, clock, Language.EN);
  }

  /** One agent's card for a terminal: every metric beside the team median, and both ranks. */
  static String card(AgentCard c, Clock clock, Language l) {
    Texts t = Texts.of(l);
    Formats f = t.formats();
    Report r = c.report();
    AgentStats a = c.agent();
    TeamMedians m = c.medians();
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(t.get("report.terminal.sample")).append("\n\n");
    s.append(t.get("report.title.card", r.period().label(l))).append('\n');
    s.append(context(r, clock, t)).append("\n\n");
    s.append(name(a)).append("  (").append(id(a)).append(")\n");
    String satMove = c.satisfactionRank().isEmpty() || r.comparison() == null ? ""
        : r.comparison().satisfactionMove(new Ranked(c.satisfactionRank().getAsInt(), a)).text(l);
    String frMove = c.firstResponseRank().isEmpty() || r.comparison() == null ? ""
        : r.comparison().firstResponseMove(new Ranked(c.firstResponseRank().getAsInt(), a)).text(l);
    s.append(t.get("report.terminal.satisfaction_board", rank(c.satisfactionRank(), r.satisfaction().size(), satMove,
        t.get("report.card.unranked_satisfaction", a.ratedSessions(), r.minRatings()), t))).append('\n');
    s.append(t.get("report.terminal.first_response_board", rank(c.firstResponseRank(), r.firstResponse().size(),
        frMove, t.get("report.card.unranked_first_response"), t))).append("\n\n");

    boolean answered = a.answeredSessions() > 0;
    DoubleFunction<String> whole = v -> f.count(Math.round(v));
    TextTable tt = new TextTable(false, false, false).row(t.get("report.terminal.col.metric"),
        t.get("report.terminal.col.this_agent"), t.get("report.terminal.col.team_median"));
    tt.row(t.get("report.label.sessions"), f.count(a.totalSessions()), median(m.sessions(), whole));
    tt.row(t.get("report.terminal.answered"), f.count(a.answeredSessions()), "");
    tt.row(t.get("report.label.unreplied"), f.count(a.unrepliedSessions()), median(m.unreplied(), whole));
    tt.row(t.get("report.label.satisfaction"), f.ratio(a.satisfiedSessions(), a.ratedSessions()),
        median(m.satisfaction(), f::percent));
    tt.row(t.get("report.label.first_response"), answered ? t.get("report.value.avg", f.seconds(a.avgFirstRespTime()))
        : t.get("report.value.no_answered"), median(m.avgFirstRespTime(), f::seconds));
    tt.row(t.get("report.label.within30"), share(a.firstRespUnder30Share(), f), median(m.firstRespUnder30Share(), f::percent));
    tt.row(t.get("report.label.response"), answered
        ? t.get("report.terminal.response", f.seconds(a.avgRespTime()), f.count(a.avgRespUnder30s())) : "—",
        median(m.avgRespTime(), f::seconds));
    tt.row(t.get("report.label.session_duration"), a.totalSessions() == 0 ? "—"
        : t.get("report.card.duration", f.seconds(a.avgAcceptTime()), f.span(a.totalAcceptTime())),
        median(m.avgAcceptTime(), f::seconds));
    tt.row(t.get("report.terminal.transferred"), f.count(a.transferSessions()), "");
    tt.row(t.get("report.terminal.effective"), f.count(a.effectiveSessions()), "");
    tt.row(t.get("report.terminal.ended_by_agent"), f.count(a.agentEndCount()), "");
    tt.row(t.get("report.label.users_served"), f.count(a.servedUsers()), median(m.servedUsers(), whole));
    tt.row(t.get("report.label.messages"), t.get("report.card.messages", f.count(a.agentMessages()),
        f.count(a.userMessages()), f.count(a.totalMessages())),
        median(m.agentMessages(), v -> t.get("report.card.median_messages", f.count(Math.round(v)))));
    tt.row(t.get("report.terminal.online"), t.get("report.terminal.online_value",
        f.span(a.freeTime() + a.busyTime() + a.restTime()), f.span(a.freeTime()), f.span(a.busyTime()),
        f.span(a.restTime())), "");
    tt.row(t.get("report.terminal.first_login"), f.timestamp(a.firstLoginTimestamp(), r.zone()), "");
    tt.row(t.get("report.terminal.last_logout"), f.timestamp(a.lastLogoutTimestamp(), r.zone()), "");
    s.append(tt.render("  "));
    if (!c.trends().sessions().values().isEmpty()) {
      s.append('\n').append(t.get("report.terminal.trends", AgentTrends.DAYS)).append('\n');
      CardTrends.text(c.trends(), l).lines().forEach(x -> s.append("  ").append(x).append('\n'));
    }
    if (r.sample()) s.append('\n').append(t.get("report.terminal.sample")).append('\n');
    return s.toString();
  }

  /** One section of the report: its title, then the first {@code top} rows, or {@code none} when it is empty. */
  private static <T> void table(StringBuilder s, Texts t, String title, String none, List<T> items, int top,
      TextTable table, Function<T, String[]> row) {
    s.append(title).append('\n');
    if (items.isEmpty()) {
      s.append("  ").append(none).append('\n');
      return;
    }
    for (T x : items.subList(0, Math.min(top, items.size()))) table.row(row.apply(x));
    s.append(table.render("  "));
    if (items.size() > top) {
      s.append("  ").append(t.get("report.more", t.formats().count(items.size() - top))).append('\n');
    }
  }

  private static String context(Report r, Clock clock, Texts t) {
    Language l = t.language();
    String period = r.period().label(l);
    String age = t.formats().dataAge(r.dataAsOf(), r.zone(), clock.instant());
    if (r.comparison() == null) return t.get("report.context", period, r.zone().getId(), age);
    boolean noData = r.previous() == null || r.previous().activeAgents() == 0;
    return t.get(noData ? "report.context_compared_no_data" : "report.context_compared", period, r.zone().getId(), age,
        r.comparison().label(l));
  }

  private static String name(AgentStats a) {
    return TextTable.clean(a.displayName(), NAME_WIDTH);
  }

  private static String id(AgentStats a) {
    return TextTable.clean(a.agentId(), ID_WIDTH);
  }

  private static String share(OptionalDouble share, Formats f) {
    return share.isPresent() ? f.percent(share.getAsDouble()) : "—";
  }

  private static String rank(OptionalInt rank, int of, String move, String otherwise, Texts t) {
    return rank.isPresent()
        ? t.get("report.terminal.rank", String.valueOf(rank.getAsInt()), t.formats().count(of), move) : otherwise;
  }

  private static String median(OptionalDouble m, DoubleFunction<String> f) {
    return m.isPresent() ? f.apply(m.getAsDouble()) : "—";
  }
}
