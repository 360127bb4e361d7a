package com.deskstats.slack;

import static com.deskstats.slack.ReportBlocks.MAX_FIELD_TEXT;
import static com.deskstats.slack.ReportBlocks.MAX_HEADER;
import static com.deskstats.slack.ReportBlocks.MAX_SECTION_TEXT;
import static com.deskstats.slack.ReportBlocks.comparable;
import static com.deskstats.slack.ReportBlocks.contextLine;
import static com.deskstats.slack.ReportBlocks.firstResponseMove;
import static com.deskstats.slack.ReportBlocks.mrkdwnSection;
import static com.deskstats.slack.ReportBlocks.navigation;
import static com.deskstats.slack.ReportBlocks.satisfactionMove;
import static com.deskstats.slack.ReportBlocks.scopeWords;
import static com.deskstats.slack.ReportBlocks.title;
import static com.deskstats.slack.ReportBlocks.within30;
import static com.deskstats.slack.ReportFormat.count;
import static com.deskstats.slack.ReportFormat.countChange;
import static com.deskstats.slack.ReportFormat.judged;
import static com.deskstats.slack.ReportFormat.percent;
import static com.deskstats.slack.ReportFormat.ratio;
import static com.deskstats.slack.ReportFormat.seconds;
import static com.deskstats.slack.ReportFormat.secondsChange;
import static com.deskstats.slack.ReportFormat.shareChange;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.deskstats.slack.ReportBlocks.Message;
import com.deskstats.slack.ReportBlocks.Options;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.TeamSummary;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** The team report as a Block Kit message; the header, context line and buttons are shared with the card. */
final class TeamBlocks {
  private TeamBlocks() {}

  /** Longest name on a board line, in code points, before escaping. */
  static final int NAME_IN_LINE = 40;

  /** The team report: header, summary fields, both boards, needs attention, context and buttons. */
  static Message report(Report r, Options o) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String title = title("Desk team report", r);
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, MAX_HEADER), true))));
    blocks.add(section(s -> s.fields(summaryFields(r))));
    blocks.add(divider());
    blocks.add(mrkdwnSection(satisfactionBoard(r)));
    blocks.add(mrkdwnSection(firstResponseBoard(r)));
    blocks.add(mrkdwnSection(needsAttention(r)));
    blocks.add(contextLine(r, o));
    if (o.buttons()) navigation(r.period(), "", scopeWords(r), o).ifPresent(blocks::add);
    return new Message(reportText(title, r), blocks);
  }

  private static String reportText(String title, Report r) {
    TeamSummary t = summary(r.current());
    StringBuilder s = new StringBuilder(title).append(": ")
        .append(count(t.sessions())).append(" sessions, ")
        .append(count(t.activeAgents())).append(t.activeAgents() == 1 ? " active agent" : " active agents");
    if (t.rated() > 0) s.append(", satisfaction ").append(ratio(t.satisfied(), t.rated()));
    t.firstResponse().ifPresent(f -> s.append(", first response ").append(seconds(f)).append(" avg"));
    s.append(", ").append(count(t.unreplied())).append(" unreplied.");
    TeamSummary prev = comparable(r.previous());
    if (prev != null) {
      s.append(" Compared with ").append(r.comparison().label()).append(": sessions ")
          .append(countChange(t.sessions(), prev.sessions()));
      appendChange(s, "satisfaction", judged(shareChange(t.satisfaction(), prev.satisfaction()), ReportFormat.Good.UP));
      appendChange(s, "first response",
          judged(secondsChange(t.firstResponse(), prev.firstResponse()), ReportFormat.Good.DOWN));
      appendChange(s, "unreplied", judged(countChange(t.unreplied(), prev.unreplied()), ReportFormat.Good.DOWN));
      s.append('.');
    }
    return s.toString();
  }

  private static void appendChange(StringBuilder s, String what, String change) {
    if (!change.isEmpty()) s.append(", ").append(what).append(' ').append(change);
  }

  private static List<TextObject> summaryFields(Report r) {
    TeamSummary cur = summary(r.current());
    TeamSummary prev = comparable(r.previous());
    List<TextObject> f = new ArrayList<>(6);
    f.add(field("Sessions", count(cur.sessions()), prev == null ? "" : countChange(cur.sessions(), prev.sessions())));
    f.add(field("Active agents", count(cur.activeAgents()),
        prev == null ? "" : countChange(cur.activeAgents(), prev.activeAgents())));
    f.add(field("Satisfaction", ratio(cur.satisfied(), cur.rated()),
        prev == null ? "" : judged(shareChange(cur.satisfaction(), prev.satisfaction()), ReportFormat.Good.UP)));
    f.add(field("First response",
        cur.firstResponse().isPresent() ? seconds(cur.firstResponse().getAsDouble()) + " avg" : "no answered sessions",
        prev == null ? "" : judged(secondsChange(cur.firstResponse(), prev.firstResponse()), ReportFormat.Good.DOWN)));
    f.add(field("Within 30 s",
        cur.firstRespUnder30Share().isPresent() ? percent(cur.firstRespUnder30Share().getAsDouble()) + " of answered" : "—",
        prev == null ? "" : judged(shareChange(cur.firstRespUnder30Share(), prev.firstRespUnder30Share()),
            ReportFormat.Good.UP)));
    f.add(field("Unreplied", count(cur.unreplied()),
        prev == null ? "" : judged(countChange(cur.unreplied(), prev.unreplied()), ReportFormat.Good.DOWN)));
    return f;
  }

  private static TeamSummary summary(TeamSummary t) {
    return t == null ? TeamSummary.EMPTY : t;
  }

  private static TextObject field(String label, String value, String change) {
    String text = "*" + label + "*\n" + value + (change.isEmpty() ? "" : "   " + change);
    return markdownText(Mrkdwn.truncate(text, MAX_FIELD_TEXT));
  }

  private static String satisfactionBoard(Report r) {
    String heading = "*Satisfaction*  _at least " + r.minRatings() + (r.minRatings() == 1 ? " rating" : " ratings")
        + ", fairest first (Wilson lower bound)_";
    String none = "No agent has " + (r.minRatings() <= 1 ? "a rating" : "at least " + r.minRatings() + " ratings")
        + " in this period.";
    return rankedBoard(heading, none, r.satisfaction(), r.topN(),
        x -> ratio(x.agent().satisfiedSessions(), x.agent().ratedSessions()) + " · " + satisfactionMove(r, x));
  }

  private static String firstResponseBoard(Report r) {
    String heading = "*First response*  _agents who answered, fastest average first_";
    return rankedBoard(heading, "No agent answered a session in this period.", r.firstResponse(), r.topN(),
        x -> seconds(x.agent().avgFirstRespTime()) + " avg · " + within30(x.agent()) + " · "
            + firstResponseMove(r, x));
  }

  /** A board's lines: "rank. *name* · " and then the board's own figures. */
  private static String rankedBoard(String heading, String none, List<Ranked> board, int topN,
      Function<Ranked, String> figures) {
    if (board.isEmpty()) return heading + "\n" + none;
    return capped(heading, board.size(), topN, i -> {
      Ranked x = board.get(i);
      return x.rank() + ". *" + Mrkdwn.name(x.agent().displayName(), NAME_IN_LINE) + "* · " + figures.apply(x);
    });
  }

  private static String needsAttention(Report r) {
    String heading = "*Needs attention*  _unreplied sessions_";
    if (r.needsAttention().isEmpty()) return heading + "\nEvery session got a reply.";
    List<AgentStats> list = r.needsAttention();
    return capped(heading, list.size(), r.topN(), i -> {
      AgentStats a = list.get(i);
      return "• *" + Mrkdwn.name(a.displayName(), NAME_IN_LINE) + "* · " + count(a.unrepliedSessions())
          + " unreplied of " + count(a.totalSessions());
    });
  }

  /**
   * A heading and up to {@code limit} of {@code total} lines, as many as fit one section, then "…and N more".
   * Only the lines shown are built, so a 10,000-agent board costs as much as a 10-agent one.
   */
  private static String capped(String heading, int total, int limit, IntFunction<String> line) {
    String more = "\n…and " + count(total) + " more"; // the longest tail this board can need
    int budget = MAX_SECTION_TEXT - more.length();
    StringBuilder s = new StringBuilder(Mrkdwn.truncate(heading, budget));
    int shown = 0;
    int want = Math.min(total, Math.max(0, limit));
    while (shown < want) {
      String l = line.apply(shown);
      if (s.length() + 1 + l.length() > budget) break;
      s.append('\n').append(l);
      shown++;
    }
    if (shown < total) s.append("\n…and ").append(count(total - shown)).append(" more");
    return s.toString();
  }
}
