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
import com.deskstats.text.Formats;
import com.deskstats.text.Formats.Good;
import com.deskstats.text.Texts;
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
    String title = title(false, r, o.texts());
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, MAX_HEADER), true))));
    blocks.add(section(s -> s.fields(summaryFields(r, o))));
    blocks.add(divider());
    blocks.add(mrkdwnSection(satisfactionBoard(r, o)));
    blocks.add(mrkdwnSection(firstResponseBoard(r, o)));
    blocks.add(mrkdwnSection(needsAttention(r, o)));
    blocks.add(contextLine(r, o));
    if (o.buttons()) navigation(r.period(), "", scopeWords(r), o).ifPresent(blocks::add);
    return new Message(reportText(title, r, o), blocks);
  }

  /** The plain fallback: one sentence of figures, and one of changes when the comparison period had data. */
  private static String reportText(String title, Report r, Options o) {
    Texts t = o.texts();
    Formats f = o.formats();
    TeamSummary cur = summary(r.current());
    String text = t.get("report.text.team", title, cur.sessions(), cur.activeAgents(), flag(cur.rated() > 0),
        f.ratio(cur.satisfied(), cur.rated()), flag(cur.firstResponse().isPresent()),
        cur.firstResponse().isPresent() ? f.seconds(cur.firstResponse().getAsDouble()) : "", cur.unreplied());
    TeamSummary prev = comparable(r.previous());
    if (prev == null) return text;
    String satisfaction = f.judged(f.shareChange(cur.satisfaction(), prev.satisfaction()), Good.UP);
    String firstResponse = f.judged(f.secondsChange(cur.firstResponse(), prev.firstResponse()), Good.DOWN);
    return t.get("report.text.team_compared", text, r.comparison().label(o.language()),
        f.countChange(cur.sessions(), prev.sessions()), flag(!satisfaction.isEmpty()), satisfaction,
        flag(!firstResponse.isEmpty()), firstResponse,
        f.judged(f.countChange(cur.unreplied(), prev.unreplied()), Good.DOWN));
  }

  /** A choice argument: 1 shows the optional clause of a sentence, 0 leaves it out. */
  static int flag(boolean shown) {
    return shown ? 1 : 0;
  }

  private static List<TextObject> summaryFields(Report r, Options o) {
    Texts t = o.texts();
    Formats fm = o.formats();
    TeamSummary cur = summary(r.current());
    TeamSummary prev = comparable(r.previous());
    List<TextObject> f = new ArrayList<>(6);
    f.add(field(t.get("report.label.sessions"), fm.count(cur.sessions()),
        prev == null ? "" : fm.countChange(cur.sessions(), prev.sessions())));
    f.add(field(t.get("report.label.active_agents"), fm.count(cur.activeAgents()),
        prev == null ? "" : fm.countChange(cur.activeAgents(), prev.activeAgents())));
    f.add(field(t.get("report.label.satisfaction"), fm.ratio(cur.satisfied(), cur.rated()),
        prev == null ? "" : fm.judged(fm.shareChange(cur.satisfaction(), prev.satisfaction()), Good.UP)));
    f.add(field(t.get("report.label.first_response"),
        cur.firstResponse().isPresent() ? t.get("report.value.avg", fm.seconds(cur.firstResponse().getAsDouble()))
            : t.get("report.value.no_answered"),
        prev == null ? "" : fm.judged(fm.secondsChange(cur.firstResponse(), prev.firstResponse()), Good.DOWN)));
    f.add(field(t.get("report.label.within30"),
        cur.firstRespUnder30Share().isPresent()
            ? t.get("report.value.of_answered", fm.percent(cur.firstRespUnder30Share().getAsDouble())) : "—",
        prev == null ? "" : fm.judged(fm.shareChange(cur.firstRespUnder30Share(), prev.firstRespUnder30Share()),
            Good.UP)));
    f.add(field(t.get("report.label.unreplied"), fm.count(cur.unreplied()),
        prev == null ? "" : fm.judged(fm.countChange(cur.unreplied(), prev.unreplied()), Good.DOWN)));
    return f;
  }

  private static TeamSummary summary(TeamSummary t) {
    return t == null ? TeamSummary.EMPTY : t;
  }

  private static TextObject field(String label, String value, String change) {
    String text = "*" + label + "*\n" + value + (change.isEmpty() ? "" : "   " + change);
    return markdownText(Mrkdwn.truncate(text, MAX_FIELD_TEXT));
  }

  private static String satisfactionBoard(Report r, Options o) {
    Texts t = o.texts();
    Formats f = o.formats();
    return rankedBoard(t.get("report.board.satisfaction", r.minRatings()),
        t.get("report.board.satisfaction_none", r.minRatings()), r.satisfaction(), r.topN(), o,
        x -> f.ratio(x.agent().satisfiedSessions(), x.agent().ratedSessions()) + " · "
            + satisfactionMove(r, x, o.language()));
  }

  private static String firstResponseBoard(Report r, Options o) {
    Texts t = o.texts();
    return rankedBoard(t.get("report.board.first_response"), t.get("report.board.first_response_none"),
        r.firstResponse(), r.topN(), o,
        x -> t.get("report.value.avg", o.formats().seconds(x.agent().avgFirstRespTime())) + " · "
            + within30(x.agent(), o) + " · " + firstResponseMove(r, x, o.language()));
  }

  /** A board's lines: "rank. *name* · " and then the board's own figures. */
  private static String rankedBoard(String heading, String none, List<Ranked> board, int topN, Options o,
      Function<Ranked, String> figures) {
    if (board.isEmpty()) return heading + "\n" + none;
    return capped(heading, board.size(), topN, o, i -> {
      Ranked x = board.get(i);
      return x.rank() + ". *" + Mrkdwn.name(x.agent().displayName(), NAME_IN_LINE) + "* · " + figures.apply(x);
    });
  }

  private static String needsAttention(Report r, Options o) {
    Texts t = o.texts();
    Formats f = o.formats();
    String heading = t.get("report.board.attention");
    if (r.needsAttention().isEmpty()) return heading + "\n" + t.get("report.board.attention_none");
    List<AgentStats> list = r.needsAttention();
    return capped(heading, list.size(), r.topN(), o, i -> {
      AgentStats a = list.get(i);
      return "• *" + Mrkdwn.name(a.displayName(), NAME_IN_LINE) + "* · "
          + t.get("report.attention.line", f.count(a.unrepliedSessions()), f.count(a.totalSessions()));
    });
  }

  /**
   * A heading and up to {@code limit} of {@code total} lines, as many as fit one section, then "…and N more".
   * Only the lines shown are built, so a 10,000-agent board costs as much as a 10-agent one.
   */
  private static String capped(String heading, int total, int limit, Options o, IntFunction<String> line) {
    Texts t = o.texts();
    String more = "\n" + t.get("report.more", o.formats().count(total)); // the longest tail this board can need
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
    if (shown < total) s.append('\n').append(t.get("report.more", o.formats().count(total - shown)));
    return s.toString();
  }
}
