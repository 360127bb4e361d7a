package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.deskstats.slack.ReportBlocks.Message;
import com.deskstats.slack.ReportBlocks.Options;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.TeamMedians;
import com.deskstats.text.Formats;
import com.deskstats.text.Texts;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;

/** The agent card as a Block Kit message; the header, context line and buttons are the team report's. */
final class CardBlocks {
  private CardBlocks() {}

  /** Longest name in a card's title, in code points, before escaping. */
  static final int NAME_IN_CARD = 80;

  /** One agent's card: every metric, the agent's rank on both boards, the team's or group's median beside each. */
  static Message card(AgentCard c, Options o) {
    Report r = c.report();
    AgentStats a = c.agent();
    TeamMedians m = c.medians();
    Texts t = o.texts();
    Formats fm = o.formats();
    List<LayoutBlock> blocks = new ArrayList<>();
    String title = ReportBlocks.title(true, r, t);
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, ReportBlocks.MAX_HEADER), true))));

    String who = "*" + Mrkdwn.name(a.displayName(), NAME_IN_CARD) + "*  "
        + Mrkdwn.code(a.agentId(), NAME_IN_CARD)
        + "\n" + t.get("report.card.satisfaction_board", satisfactionRank(c, o))
        + "\n" + t.get("report.card.first_response_board", firstResponseRank(c, o));
    blocks.add(ReportBlocks.mrkdwnSection(who));

    boolean answered = a.answeredSessions() > 0;
    DoubleFunction<String> whole = v -> fm.count(Math.round(v));
    List<TextObject> f = new ArrayList<>(ReportBlocks.MAX_FIELDS);
    f.add(field(t.get("report.label.sessions"), t.get("report.card.sessions", fm.count(a.totalSessions()),
            fm.count(a.answeredSessions()), fm.count(a.unrepliedSessions())),
        median(r, t, t.get("report.card.median_sessions", medianValue(m.sessions(), whole),
            medianValue(m.unreplied(), whole)))));
    f.add(field(t.get("report.label.satisfaction"), fm.ratio(a.satisfiedSessions(), a.ratedSessions()),
        median(r, t, medianValue(m.satisfaction(), fm::percent))));
    f.add(field(t.get("report.label.first_response"),
        answered ? t.get("report.value.avg", fm.seconds(a.avgFirstRespTime())) + " · " + ReportBlocks.within30(a, o)
            : t.get("report.value.no_answered"),
        median(r, t, medianValue(m.avgFirstRespTime(), fm::seconds) + " · "
            + t.get("report.within30", medianValue(m.firstRespUnder30Share(), fm::percent)))));
    f.add(field(t.get("report.label.response"), answered
            ? t.get("report.card.response", fm.seconds(a.avgRespTime()), (long) a.avgRespUnder30s())
            : t.get("report.value.no_answered"),
        median(r, t, medianValue(m.avgRespTime(), fm::seconds))));
    f.add(field(t.get("report.label.session_duration"), a.totalSessions() == 0 ? t.get("report.card.no_sessions")
            : t.get("report.card.duration", fm.seconds(a.avgAcceptTime()), fm.span(a.totalAcceptTime())),
        median(r, t, medianValue(m.avgAcceptTime(), fm::seconds))));
    f.add(field(t.get("report.label.transfers"),
        t.get("report.card.transfers", fm.count(a.transferSessions()), fm.count(a.effectiveSessions())),
        t.get("report.card.ended_by_agent", fm.count(a.agentEndCount()))));
    f.add(field(t.get("report.label.users_served"), fm.count(a.servedUsers()),
        median(r, t, medianValue(m.servedUsers(), whole))));
    f.add(field(t.get("report.label.messages"), t.get("report.card.messages", fm.count(a.agentMessages()),
            fm.count(a.userMessages()), fm.count(a.totalMessages())),
        median(r, t, t.get("report.card.median_messages", medianValue(m.agentMessages(), whole)))));
    f.add(field(t.get("report.label.time_online"), fm.span(a.freeTime() + a.busyTime() + a.restTime()),
        t.get("report.card.online", fm.span(a.freeTime()), fm.span(a.busyTime()), fm.span(a.restTime()))));
    f.add(field(t.get("report.label.login_logout"), fm.timestamp(a.firstLoginTimestamp(), r.zone()),
        fm.timestamp(a.lastLogoutTimestamp(), r.zone())));
    blocks.add(section(s -> s.fields(f)));
    CardTrends.section(c, o).ifPresent(blocks::add);
    blocks.add(ReportBlocks.contextLine(r, o));
    if (o.buttons()) {
      ReportBlocks.navigation(r.period(), "agent " + a.agentId() + " ", ReportBlocks.scopeWords(r), o)
          .ifPresent(blocks::add);
    }

    String text = t.get("report.text.card", title, Mrkdwn.name(a.displayName(), NAME_IN_CARD), a.totalSessions(),
        fm.ratio(a.satisfiedSessions(), a.ratedSessions()), TeamBlocks.flag(answered),
        answered ? fm.seconds(a.avgFirstRespTime()) : "", a.unrepliedSessions());
    return new Message(text, blocks);
  }

  private static String satisfactionRank(AgentCard c, Options o) {
    OptionalInt rank = c.satisfactionRank();
    Texts t = o.texts();
    if (rank.isPresent()) {
      return t.get("report.card.rank", String.valueOf(rank.getAsInt()), o.formats().count(c.report().satisfaction().size()),
          ReportBlocks.satisfactionMove(c.report(), new Ranked(rank.getAsInt(), c.agent()), o.language()));
    }
    return t.get("report.card.unranked_satisfaction", c.agent().ratedSessions(), c.report().minRatings());
  }

  private static String firstResponseRank(AgentCard c, Options o) {
    OptionalInt rank = c.firstResponseRank();
    Texts t = o.texts();
    if (rank.isPresent()) {
      return t.get("report.card.rank", String.valueOf(rank.getAsInt()),
          o.formats().count(c.report().firstResponse().size()),
          ReportBlocks.firstResponseMove(c.report(), new Ranked(rank.getAsInt(), c.agent()), o.language()));
    }
    return t.get("report.card.unranked_first_response");
  }

  private static TextObject field(String label, String value, String detail) {
    return markdownText(Mrkdwn.truncate("*" + label + "*\n" + value + "\n" + detail, ReportBlocks.MAX_FIELD_TEXT));
  }

  /** A group's card ranks and medians among the group's agents (SPEC §9), so its label says whose median it is. */
  private static String median(Report r, Texts t, String values) {
    return t.get(r.scope().group().isPresent() ? "report.card.median_group" : "report.card.median_team", values);
  }

  private static String medianValue(OptionalDouble m, DoubleFunction<String> f) {
    return m.isPresent() ? f.apply(m.getAsDouble()) : "—";
  }
}
