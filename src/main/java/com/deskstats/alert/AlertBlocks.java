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
import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pure functions from a {@link Transition} to the Slack message that announces it, in the post's language. */
public final class AlertBlocks {
  private AlertBlocks() {}

  /** How many agents a message lists before "…and N more". */
  static final int SHOWN = 10;
  private static final int NAME = 40;
  private static final int MAX_HEADER = 150;
  private static final int MAX_SECTION = 3000;
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /** The message for any transition, in English; {@code zone} is DESK_TIMEZONE, where times are shown. */
  public static ReportBlocks.Message message(Transition t, ZoneId zone) {
    return message(t, zone, Language.EN);
  }

  /** The message for any transition, written in {@code language} (the rule's {@code lang}, else BOT_LANGUAGE). */
  public static ReportBlocks.Message message(Transition t, ZoneId zone, Language language) {
    Texts x = Texts.of(language);
    if (t instanceof Transition.Fired f) return fired(f, zone, x);
    if (t instanceof Transition.Recovered r) return recovered(r, zone, x);
    if (t instanceof Transition.DeskDown d) {
      return ReportBlocks.noticeMrkdwn(x.get("posts.alert.desk_down", Mrkdwn.escape(d.reason()), at(d.since(), zone)));
    }
    Transition.DeskUp u = (Transition.DeskUp) t;
    return ReportBlocks.noticeMrkdwn(x.get("posts.alert.desk_up", at(u.at(), zone)));
  }

  /** The alert: what crossed, the scope, the agents behind it, the time of the data and a button to today's report. */
  static ReportBlocks.Message fired(Transition.Fired f, ZoneId zone, Texts x) {
    AlertCondition c = f.rule().condition();
    String title = f.sample() ? x.get("posts.alert.sample_title", headline(f, x)) : headline(f, x);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, MAX_HEADER), true))));
    String scope = x.get(c.perAgent() ? "posts.alert.scope_each" : "posts.alert.scope_whole", scope(c, x))
        + "\n" + x.get("posts.alert.rule", String.valueOf(f.rule().id()), Mrkdwn.escape(c.text()));
    blocks.add(mrkdwn(scope));
    blocks.add(mrkdwn(agents(f, x)));
    String data = x.get(f.sample() ? "posts.alert.data_as_of_sample" : "posts.alert.data_as_of", at(f.dataAt(), zone),
        zone.getId(), f.day().toString());
    blocks.add(context(List.of(markdownText(Mrkdwn.escape(data)))));
    String value = "today" + c.group().map(g -> " group " + g).orElse("");
    String open = x.get("posts.alert.open_report");
    blocks.add(actions(a -> a.blockId("deskstats_alert").elements(List.of(button(b -> b.actionId(ReportBlocks.ACTION_OPEN)
        .text(plainText(open, true)).value(value))))));
    // The fallback text is read as mrkdwn too: "7 > 5" must arrive as "7 &gt; 5".
    String text = Mrkdwn.escape(x.get("posts.alert.fallback", title, scopePlain(c, x), at(f.dataAt(), zone), zone.getId()));
    return new ReportBlocks.Message(text, blocks);
  }

  /** "Unreplied sessions: 7 > 5", or per agent "Unreplied sessions: 3 agents > 5", in English. */
  static String headline(Transition.Fired f) {
    return headline(f, Texts.of(Language.EN));
  }

  static String headline(Transition.Fired f, Texts x) {
    AlertCondition c = f.rule().condition();
    String what = c.perAgent()
        ? x.get("posts.alert.agents", f.named().size())
        : value(c.metric(), f.value(), x.formats());
    return x.get("posts.alert.headline", label(c.metric(), x), what, c.op().symbol(), c.thresholdText(x.formats()));
  }

  private static String agents(Transition.Fired f, Texts x) {
    AlertCondition c = f.rule().condition();
    List<Transition.Named> named = f.named();
    String heading;
    if (c.perAgent()) {
      int still = named.size() - f.newly();
      heading = still > 0 ? x.get("posts.alert.over_new_still", String.valueOf(f.newly()), String.valueOf(still))
          : x.get("posts.alert.over_new", String.valueOf(f.newly()));
    } else {
      heading = x.get(named.isEmpty() ? "posts.alert.no_single" : "posts.alert.contributors");
    }
    StringBuilder s = new StringBuilder(heading);
    int shown = Math.min(SHOWN, named.size());
    for (int i = 0; i < shown; i++) {
      Transition.Named n = named.get(i);
      s.append("\n• *").append(Mrkdwn.name(n.displayName(), NAME)).append("* · ")
          .append(value(c.metric(), n.value(), x.formats()));
      if (c.perAgent() && n.isNew()) s.append(' ').append(x.get("posts.alert.new_mark"));
    }
    if (named.size() > shown) {
      s.append('\n').append(x.get("posts.alert.more", x.formats().count(named.size() - shown)));
    }
    return s.toString();
  }

  /** The recovery note, posted in the alert's thread. */
  static ReportBlocks.Message recovered(Transition.Recovered r, ZoneId zone, Texts x) {
    AlertCondition c = r.rule().condition();
    String line = Mrkdwn.escape(c.op().symbol() + " " + c.thresholdText(x.formats()));
    if (c.perAgent()) {
      int shown = Math.min(SHOWN, r.named().size());
      List<String> names = new ArrayList<>();
      for (int i = 0; i < shown; i++) {
        Transition.Named n = r.named().get(i);
        names.add(Mrkdwn.name(n.displayName(), NAME) + " " + value(c.metric(), n.value(), x.formats()));
      }
      if (r.named().size() > shown) {
        names.add(x.get("posts.alert.more", String.valueOf(r.named().size() - shown)));
      }
      String list = names.isEmpty() ? "" : x.get("posts.alert.recovered_list", String.join(x.get("posts.list.separator"), names));
      return ReportBlocks.noticeMrkdwn(x.get(r.named().size() == 1 ? "posts.alert.recovered_agent"
          : "posts.alert.recovered_agents", at(r.dataAt(), zone), zone.getId(), line, list));
    }
    String now = r.value().isPresent() ? value(c.metric(), r.value().getAsDouble(), x.formats())
        : x.get("posts.alert.no_value");
    return ReportBlocks.noticeMrkdwn(x.get("posts.alert.recovered_team", at(r.dataAt(), zone), zone.getId(),
        label(c.metric(), x).toLowerCase(x.locale()), now, line));
  }

  /** How a message names a metric: "Unreplied sessions", 未回复会话. */
  static String label(AlertCondition.Metric m, Texts x) {
    return m.label(x.language());
  }

  /** A measured value of {@code metric} as messages show it: {@code 7}, {@code 83%}, {@code 1m 05s} (1分05秒). */
  static String value(AlertCondition.Metric metric, double value, Formats f) {
    return AlertCondition.format(metric, value, f);
  }

  /** "group `tier1`" or "the team". */
  static String scope(AlertCondition c, Texts x) {
    return c.group().map(g -> x.get("posts.alert.whose.group", Mrkdwn.escape(g))).orElseGet(() -> x.get("posts.alert.whose.team"));
  }

  private static String scopePlain(AlertCondition c, Texts x) {
    return c.group().map(g -> x.get("posts.alert.plain.group", g)).orElseGet(() -> x.get("posts.alert.plain.team"));
  }

  private static LayoutBlock mrkdwn(String text) {
    return section(s -> s.text(markdownText(Mrkdwn.truncate(text, MAX_SECTION))));
  }

  static String at(Instant i, ZoneId zone) {
    return HH_MM.format(i.atZone(zone));
  }
}
