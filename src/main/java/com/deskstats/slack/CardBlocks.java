package com.deskstats.slack;

import static com.deskstats.slack.ReportFormat.count;
import static com.deskstats.slack.ReportFormat.ratio;
import static com.deskstats.slack.ReportFormat.seconds;
import static com.deskstats.slack.ReportFormat.span;
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
    List<LayoutBlock> blocks = new ArrayList<>();
    String title = ReportBlocks.title("Agent card", r);
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, ReportBlocks.MAX_HEADER), true))));

    String who = "*" + Mrkdwn.name(a.displayName(), NAME_IN_CARD) + "*  "
        + Mrkdwn.code(a.agentId(), NAME_IN_CARD)
        + "\n*Satisfaction board:* " + satisfactionRank(c)
        + "\n*First response board:* " + firstResponseRank(c);
    blocks.add(ReportBlocks.mrkdwnSection(who));

    List<TextObject> f = new ArrayList<>(ReportBlocks.MAX_FIELDS);
    f.add(field("Sessions", count(a.totalSessions()) + " · answered " + count(a.answeredSessions())
        + " · unreplied " + count(a.unrepliedSessions()),
        median(r, medianValue(m.sessions(), CardBlocks::whole) + " · " + medianValue(m.unreplied(), CardBlocks::whole)
            + " unreplied")));
    f.add(field("Satisfaction", ratio(a.satisfiedSessions(), a.ratedSessions()),
        median(r, medianValue(m.satisfaction(), ReportFormat::percent))));
    f.add(field("First response",
        a.answeredSessions() == 0 ? "no answered sessions"
            : seconds(a.avgFirstRespTime()) + " avg · " + ReportBlocks.within30(a),
        median(r, medianValue(m.avgFirstRespTime(), ReportFormat::seconds) + " · "
            + medianValue(m.firstRespUnder30Share(), ReportFormat::percent) + " within 30 s")));
    f.add(field("Response", a.answeredSessions() == 0 ? "no answered sessions" : seconds(a.avgRespTime()) + " avg · "
        + count(a.avgRespUnder30s()) + " sessions within 30 s", median(r, medianValue(m.avgRespTime(), ReportFormat::seconds))));
    f.add(field("Session duration", a.totalSessions() == 0 ? "no sessions" : seconds(a.avgAcceptTime()) + " avg · "
        + span(a.totalAcceptTime()) + " in all", median(r, medianValue(m.avgAcceptTime(), ReportFormat::seconds))));
    f.add(field("Transfers · effective", count(a.transferSessions()) + " transferred · "
        + count(a.effectiveSessions()) + " effective", count(a.agentEndCount()) + " ended by the agent"));
    f.add(field("Users served", count(a.servedUsers()), median(r, medianValue(m.servedUsers(), CardBlocks::whole))));
    f.add(field("Messages", count(a.agentMessages()) + " by agent · " + count(a.userMessages()) + " by users · "
        + count(a.totalMessages()) + " in all",
        median(r, medianValue(m.agentMessages(), CardBlocks::whole) + " by agent")));
    f.add(field("Time online", span(a.freeTime() + a.busyTime() + a.restTime()),
        "idle " + span(a.freeTime()) + " · busy " + span(a.busyTime()) + " · break " + span(a.restTime())));
    f.add(field("First login · last logout", ReportFormat.timestamp(a.firstLoginTimestamp(), r.zone()),
        ReportFormat.timestamp(a.lastLogoutTimestamp(), r.zone())));
    blocks.add(section(s -> s.fields(f)));
    CardTrends.section(c).ifPresent(blocks::add);
    blocks.add(ReportBlocks.contextLine(r, o));
    if (o.buttons()) {
      ReportBlocks.navigation(r.period(), "agent " + a.agentId() + " ", ReportBlocks.scopeWords(r), o)
          .ifPresent(blocks::add);
    }

    String text = title + ": " + Mrkdwn.name(a.displayName(), NAME_IN_CARD) + ", "
        + count(a.totalSessions()) + " sessions, satisfaction " + ratio(a.satisfiedSessions(), a.ratedSessions())
        + (a.answeredSessions() == 0 ? ", no answered sessions" : ", first response " + seconds(a.avgFirstRespTime()) + " avg")
        + ", " + count(a.unrepliedSessions()) + " unreplied.";
    return new Message(text, blocks);
  }

  private static String satisfactionRank(AgentCard c) {
    OptionalInt rank = c.satisfactionRank();
    if (rank.isPresent()) {
      return "#" + rank.getAsInt() + " of " + count(c.report().satisfaction().size()) + " · "
          + ReportBlocks.satisfactionMove(c.report(), new Ranked(rank.getAsInt(), c.agent()));
    }
    long ratings = c.agent().ratedSessions();
    return "not ranked: " + count(ratings) + (ratings == 1 ? " rating" : " ratings") + ", needs " + c.report().minRatings();
  }

  private static String firstResponseRank(AgentCard c) {
    OptionalInt rank = c.firstResponseRank();
    if (rank.isPresent()) {
      return "#" + rank.getAsInt() + " of " + count(c.report().firstResponse().size()) + " · "
          + ReportBlocks.firstResponseMove(c.report(), new Ranked(rank.getAsInt(), c.agent()));
    }
    return "not ranked: no answered session";
  }

  private static TextObject field(String label, String value, String detail) {
    return markdownText(Mrkdwn.truncate("*" + label + "*\n" + value + "\n" + detail, ReportBlocks.MAX_FIELD_TEXT));
  }

  private static String whole(double v) {
    return count(Math.round(v));
  }

  /** A group's card ranks and medians among the group's agents (SPEC §9), so its label says whose median it is. */
  private static String median(Report r, String values) {
    return "_" + (r.scope().group().isPresent() ? "group" : "team") + " median " + values + "_";
  }

  private static String medianValue(OptionalDouble m, DoubleFunction<String> f) {
    return m.isPresent() ? f.apply(m.getAsDouble()) : "—";
  }
}
