package com.deskstats.alert;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.Mrkdwn;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.slack.ReportFormat;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pure functions from a {@link Transition} to the Slack message that announces it. */
public final class AlertBlocks {
  private AlertBlocks() {}

  /** How many agents a message lists before "…and N more". */
  static final int SHOWN = 10;
  private static final int NAME = 40;
  private static final int MAX_HEADER = 150;
  private static final int MAX_SECTION = 3000;
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /** The message for any transition; {@code zone} is DESK_TIMEZONE, where times are shown. */
  public static ReportBlocks.Message message(Transition t, ZoneId zone) {
    if (t instanceof Transition.Fired f) return fired(f, zone);
    if (t instanceof Transition.Recovered r) return recovered(r, zone);
    if (t instanceof Transition.DeskDown d) {
      return ReportBlocks.noticeMrkdwn("desk-stats cannot read Desk: " + Mrkdwn.escape(d.reason()) + " Alerts are paused "
          + "since " + at(d.since(), zone) + "; this channel hears when Desk can be read again.");
    }
    Transition.DeskUp u = (Transition.DeskUp) t;
    return ReportBlocks.noticeMrkdwn("desk-stats can read Desk again (" + at(u.at(), zone) + "): alerts are back on.");
  }

  /** The alert: what crossed, the scope, the agents behind it, the time of the data and a button to today's report. */
  static ReportBlocks.Message fired(Transition.Fired f, ZoneId zone) {
    AlertCondition c = f.rule().condition();
    String title = (f.sample() ? "[Sample data] " : "") + headline(f);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, MAX_HEADER), true))));
    String scope = "*Scope:* " + scope(c) + (c.perAgent() ? ", each agent on their own" : " as a whole")
        + "\n*Rule " + f.rule().id() + ":* `" + Mrkdwn.escape(c.text()) + "`";
    blocks.add(mrkdwn(scope));
    blocks.add(mrkdwn(agents(f)));
    blocks.add(context(List.of(markdownText(Mrkdwn.escape("Data as of " + at(f.dataAt(), zone) + " "
        + zone.getId() + ", today (" + f.day() + ")" + (f.sample() ? " · sample data, not your Desk" : ""))))));
    String value = "today" + c.group().map(g -> " group " + g).orElse("");
    blocks.add(actions(a -> a.blockId("deskstats_alert").elements(List.of(button(b -> b.actionId(ReportBlocks.ACTION_OPEN)
        .text(plainText("Open today's report", true)).value(value))))));
    // The fallback text is read as mrkdwn too: "7 > 5" must arrive as "7 &gt; 5".
    String text = Mrkdwn.escape(title + " (" + scopePlain(c) + "), data as of " + at(f.dataAt(), zone) + " " + zone.getId() + ".");
    return new ReportBlocks.Message(text, blocks);
  }

  /** "Unreplied sessions: 7 > 5", or per agent "Unreplied sessions: 3 agents > 5". */
  static String headline(Transition.Fired f) {
    AlertCondition c = f.rule().condition();
    String what = c.perAgent()
        ? f.named().size() + (f.named().size() == 1 ? " agent" : " agents")
        : AlertCondition.format(c.metric(), f.value());
    return c.metric().label() + ": " + what + " " + c.op().symbol() + " " + c.thresholdText();
  }

  private static String agents(Transition.Fired f) {
    AlertCondition c = f.rule().condition();
    List<Transition.Named> named = f.named();
    String heading;
    if (c.perAgent()) {
      int still = named.size() - f.newly();
      heading = "*Over the line:* " + f.newly() + " new" + (still > 0 ? ", " + still + " still over" : "");
    } else {
      heading = named.isEmpty() ? "*Behind it:* no single agent stands out" : "*Largest contributors*";
    }
    StringBuilder s = new StringBuilder(heading);
    int shown = Math.min(SHOWN, named.size());
    for (int i = 0; i < shown; i++) {
      Transition.Named n = named.get(i);
      s.append("\n• *").append(Mrkdwn.name(n.displayName(), NAME)).append("* · ")
          .append(AlertCondition.format(c.metric(), n.value()));
      if (c.perAgent() && n.isNew()) s.append(" _(new)_");
    }
    if (named.size() > shown) s.append("\n…and ").append(ReportFormat.count(named.size() - shown)).append(" more");
    return s.toString();
  }

  /** The recovery note, posted in the alert's thread. */
  static ReportBlocks.Message recovered(Transition.Recovered r, ZoneId zone) {
    AlertCondition c = r.rule().condition();
    StringBuilder s = new StringBuilder("Back to normal at ").append(at(r.dataAt(), zone)).append(' ').append(zone.getId())
        .append(": ");
    String now = r.value().isPresent() ? AlertCondition.format(c.metric(), r.value().getAsDouble()) : "no value";
    if (c.perAgent()) {
      s.append(r.named().size() == 1 ? "the agent named is" : "every agent named is").append(" no longer ")
          .append(Mrkdwn.escape(c.op().symbol() + " " + c.thresholdText()));
      int shown = Math.min(SHOWN, r.named().size());
      for (int i = 0; i < shown; i++) {
        Transition.Named n = r.named().get(i);
        s.append(i == 0 ? " (" : ", ").append(Mrkdwn.name(n.displayName(), NAME)).append(' ')
            .append(AlertCondition.format(c.metric(), n.value()));
      }
      if (r.named().size() > shown) s.append(", …and ").append(r.named().size() - shown).append(" more");
      s.append(shown > 0 ? ")." : ".");
    } else {
      s.append(c.metric().label().toLowerCase(Locale.ROOT)).append(' ').append(now).append(" (the alert was ")
          .append(Mrkdwn.escape(c.op().symbol() + " " + c.thresholdText())).append(").");
    }
    return ReportBlocks.noticeMrkdwn(s.toString());
  }

  private static String scope(AlertCondition c) {
    return c.group().map(g -> "group `" + Mrkdwn.escape(g) + "`").orElse("the team");
  }

  private static String scopePlain(AlertCondition c) {
    return c.group().map(g -> "group " + g).orElse("team");
  }

  private static LayoutBlock mrkdwn(String text) {
    return section(s -> s.text(markdownText(Mrkdwn.truncate(text, MAX_SECTION))));
  }

  static String at(Instant i, ZoneId zone) {
    return HH_MM.format(i.atZone(zone));
  }
}
