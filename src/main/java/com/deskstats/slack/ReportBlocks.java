package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Comparison;
import com.deskstats.stats.Period;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.TeamSummary;
import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.google.gson.Gson;
import com.google.gson.annotations.SerializedName;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Pure functions from a {@link Report} or {@link AgentCard} to a Block Kit message, the same for every surface.
 * Slack's limits hold for any team size: every list is capped by count and by characters. The team report's own
 * layout is {@link TeamBlocks}, the card's is {@link CardBlocks}; the title, context line and buttons here serve both.
 */
public final class ReportBlocks {
  private ReportBlocks() {}

  /** Slack's limits on a message. */
  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_FIELDS = 10;
  static final int MAX_FIELD_TEXT = 2000;
  static final int MAX_HEADER = 150;
  static final int MAX_BUTTON_VALUE = 2000;

  public static final String ACTION_PREV = "deskstats_prev";
  public static final String ACTION_NEXT = "deskstats_next";
  public static final String ACTION_POST = "deskstats_post";
  /** Opens the report its value names for the clicker alone, leaving the message as it is (alerts). */
  public static final String ACTION_OPEN = "deskstats_open";

  /** A rendered message: {@code text} is the plain fallback (notifications, screen readers), never empty. */
  public record Message(String text, List<LayoutBlock> blocks) {
    public Message {
      Objects.requireNonNull(text);
      blocks = List.copyOf(blocks);
    }
  }

  /**
   * How to render.
   *
   * @param today today in the Desk time zone: no "next" button reaches past it
   * @param ephemeral the message is only visible to the asker, so it offers "Post to channel"
   * @param buttons whether to add the previous/next/post buttons (the digest has none)
   * @param now the current instant, for the data's age
   * @param language the reader's language
   */
  public record Options(LocalDate today, boolean ephemeral, boolean buttons, Instant now, Language language) {
    public Options {
      Objects.requireNonNull(today);
      Objects.requireNonNull(now);
      Objects.requireNonNull(language);
    }

    /** Options for an English reader. */
    public Options(LocalDate today, boolean ephemeral, boolean buttons, Instant now) {
      this(today, ephemeral, buttons, now, Language.EN);
    }

    /** No buttons, not ephemeral: the digest's and a public post's options. */
    public static Options plain(LocalDate today, Instant now) {
      return new Options(today, false, false, now);
    }

    /** No buttons, not ephemeral, in a language: a channel post's options. */
    public static Options plain(LocalDate today, Instant now, Language language) {
      return new Options(today, false, false, now, language);
    }

    /** The sentences of the reader's language. */
    public Texts texts() {
      return Texts.of(language);
    }

    /** The numbers, durations and dates of the reader's language. */
    public Formats formats() {
      return Texts.of(language).formats();
    }
  }

  // ---------------------------------------------------------------- the two layouts

  /** The team report: header, summary fields, both boards, needs attention, context and buttons. */
  public static Message report(Report r, Options o) {
    return TeamBlocks.report(r, o);
  }

  /** One agent's card: every metric, the agent's rank on both boards, the team's or group's median beside each. */
  public static Message card(AgentCard c, Options o) {
    return CardBlocks.card(c, o);
  }

  // ---------------------------------------------------------------- pieces both layouts share

  /** The header of a report or a card in the reader's language, with the sample mark and the group it covers. */
  static String title(boolean card, Report r, Texts t) {
    String period = r.period().label(t.language());
    String what = card ? "report.title.card" : "report.title.team";
    String title = r.scope().group().isPresent()
        ? t.get(what + "_group", period, r.scope().group().get()) : t.get(what, period);
    return r.sample() ? t.get("report.title.sample", title) : title;
  }

  /** What the buttons add to their command text so a press re-runs the same scope: " group NAME", or nothing. */
  static String scopeWords(Report r) {
    return r.scope().group().map(g -> " group " + g).orElse("");
  }

  /** The previous period only counts when it had data: a period before Desk kept any is "unknown", not "zero". */
  static TeamSummary comparable(TeamSummary previous) {
    return previous == null || previous.activeAgents() == 0 ? null : previous;
  }

  static String satisfactionMove(Report r, Ranked x, Language l) {
    return r.comparison() == null ? "" : r.comparison().satisfactionMove(x).text(l);
  }

  static String firstResponseMove(Report r, Ranked x, Language l) {
    return r.comparison() == null ? "" : r.comparison().firstResponseMove(x).text(l);
  }

  static String within30(AgentStats a, Options o) {
    OptionalDouble share = a.firstRespUnder30Share();
    return share.isPresent() ? o.texts().get("report.within30", o.formats().percent(share.getAsDouble()))
        : o.texts().get("report.within30_none");
  }

  static LayoutBlock mrkdwnSection(String text) {
    return section(s -> s.text(markdownText(Mrkdwn.truncate(text, MAX_SECTION_TEXT))));
  }

  static LayoutBlock contextLine(Report r, Options o) {
    Texts t = o.texts();
    Language l = o.language();
    String period = r.period().label(l);
    String age = o.formats().dataAge(r.dataAsOf(), r.zone(), o.now());
    Comparison c = r.comparison();
    String line;
    if (c == null) line = t.get("report.context", period, r.zone().getId(), age);
    else if (comparable(r.previous()) == null) {
      line = t.get("report.context_compared_no_data", period, r.zone().getId(), age, c.label(l));
    } else line = t.get("report.context_compared", period, r.zone().getId(), age, c.label(l));
    if (r.sample()) line = t.get("report.context_sample", line);
    String text = Mrkdwn.escape(Mrkdwn.truncate(line, 1000));
    return context(List.of(markdownText(text)));
  }

  /** Previous / next / post buttons whose values are the command texts that show those reports. */
  static java.util.Optional<LayoutBlock> navigation(Period period, String prefix, String suffix, Options o) {
    int days = period.days();
    Period earlier = period.shift(-days);
    Period later = period.shift(days);
    List<BlockElement> buttons = new ArrayList<>(3);
    String prev = prefix + earlier.token() + suffix;
    String next = prefix + later.token() + suffix;
    String self = prefix + period.token() + suffix;
    if (self.length() > MAX_BUTTON_VALUE || next.length() > MAX_BUTTON_VALUE) return java.util.Optional.empty();
    buttons.add(button(b -> b.actionId(ACTION_PREV).text(plainText(o.texts().get("report.button.previous", days), true)).value(prev)));
    if (!later.to().isAfter(o.today())) {
      buttons.add(button(b -> b.actionId(ACTION_NEXT).text(plainText(o.texts().get("report.button.next", days), true)).value(next)));
    }
    if (o.ephemeral()) {
      buttons.add(button(b -> b.actionId(ACTION_POST).text(plainText(o.texts().get("report.button.post"), true)).style("primary").value(self)));
    }
    return java.util.Optional.of(actions(a -> a.blockId("deskstats_nav").elements(buttons)));
  }

  // ---------------------------------------------------------------- notices and JSON

  /** A one-sentence message (an error, usage help): the sentence as text and as one section. */
  public static Message notice(String sentence) {
    return notice(sentence, Language.EN);
  }

  /** As {@link #notice(String)}, with the fallback for an empty sentence in the reader's language. */
  public static Message notice(String sentence, Language language) {
    String text = sentence == null || sentence.isBlank() ? Texts.of(language).get("report.notice_failed") : sentence;
    String safe = Mrkdwn.truncate(Mrkdwn.escape(text), MAX_SECTION_TEXT);
    return new Message(safe, List.of(section(s -> s.text(markdownText(safe)))));
  }

  /**
   * A message from mrkdwn the caller wrote itself (may link channels or format): one section, the same text as
   * fallback. Anything from Desk or a user inside it must already be {@link Mrkdwn#escape}d.
   */
  public static Message noticeMrkdwn(String trustedMrkdwn) {
    return noticeMrkdwn(trustedMrkdwn, Language.EN);
  }

  /** As {@link #noticeMrkdwn(String)}, with the fallback for an empty text in the reader's language. */
  public static Message noticeMrkdwn(String trustedMrkdwn, Language language) {
    String text = trustedMrkdwn == null || trustedMrkdwn.isBlank()
        ? Texts.of(language).get("report.notice_failed") : trustedMrkdwn;
    String cut = Mrkdwn.truncate(text, MAX_SECTION_TEXT);
    return new Message(cut, List.of(section(s -> s.text(markdownText(cut)))));
  }

  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final Gson PRETTY = GSON.newBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** The message as Slack's Web API gets it ({@code {"text":…,"blocks":[…]}}), serialised as Bolt does. */
  public static String toJson(Message m) {
    return GSON.toJson(new Payload(m.text(), m.blocks()));
  }

  /** {@link #toJson} indented, for people and golden files. */
  public static String toPrettyJson(Message m) {
    return PRETTY.toJson(new Payload(m.text(), m.blocks()));
  }

  private static final class Payload {
    @SerializedName("text")
    final String text;
    @SerializedName("blocks")
    final List<LayoutBlock> blocks;

    Payload(String text, List<LayoutBlock> blocks) {
      this.text = text;
      this.blocks = blocks;
    }
  }
}
