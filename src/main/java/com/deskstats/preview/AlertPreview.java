package com.deskstats.preview;

import com.deskstats.alert.DryRun;
import com.deskstats.alert.Evaluator;
import com.deskstats.desk.DeskException;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.Command;
import com.deskstats.slack.CommandParser;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Scope;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code desk-stats preview alert "<rule>" [--demo] [--json]}: one rule evaluated against today, now; prints what would
 * be posted, or why nothing would be. Saves nothing and posts nothing.
 */
public final class AlertPreview {
  private AlertPreview() {}

  public static final String USAGE = String.join("\n",
      "Usage: desk-stats preview alert \"RULE\" [--demo] [--json]",
      "  RULE    as after /desk-stats alert: METRIC OP THRESHOLD [per agent] [group NAME],",
      "          e.g. \"unreplied > 5\", \"satisfaction < 80% per agent\", \"first-response > 1m\"",
      "  --demo  the bundled sample team instead of your Desk (also DESK_DEMO=true)",
      "  --json  print the Block Kit JSON Slack would get");

  /** The rule as typed, and the flags. */
  public record Options(String rule, boolean demo, boolean json, boolean help) {}

  /** Reads the arguments after {@code preview alert}. */
  public static Options parseArgs(List<String> args) {
    List<String> words = new ArrayList<>();
    boolean demo = false;
    boolean json = false;
    boolean help = false;
    for (String a : args) {
      switch (a) {
        case "--demo" -> demo = true;
        case "--json" -> json = true;
        case "--help", "-h" -> help = true;
        default -> {
          if (a.startsWith("--")) throw new Preview.UsageException("Unknown option " + TextTable.clean(a, 40) + ".");
          words.add(a);
        }
      }
    }
    if (words.isEmpty() && !help) throw new Preview.UsageException("Give the rule, as in preview alert \"unreplied > 5\".");
    return new Options(String.join(" ", words), demo, json, help);
  }

  /**
   * @return 0 when printed (an alert or the reason for none); 1 when Desk could not be read; 2 when the rule is not
   *     one the bot understands
   */
  public static int run(Options o, DaySource days, Groups groups, ZoneId zone, Evaluator.Params params, PrintStream out,
      PrintStream err, Clock clock) {
    return run(o, days, groups, zone, params, Language.EN, out, err, clock);
  }

  /**
   * As {@link #run(Options, DaySource, Groups, ZoneId, Evaluator.Params, PrintStream, PrintStream, Clock)}; the alert
   * and the reason are written in the rule's {@code lang}, else in {@code botLanguage} (BOT_LANGUAGE).
   */
  public static int run(Options o, DaySource days, Groups groups, ZoneId zone, Evaluator.Params params,
      Language botLanguage, PrintStream out, PrintStream err, Clock clock) {
    if (o.help()) {
      out.println(USAGE);
      return 0;
    }
    Command c = CommandParser.parse("alert " + o.rule(), LocalDate.ofInstant(clock.instant(), zone));
    if (!(c instanceof Command.AlertAdd add)) {
      String sentence = c instanceof Command.Usage u ? u.sentence() : "That is not an alert rule.";
      err.println(plain(sentence));
      return 2;
    }
    AlertCondition condition = add.condition();
    Optional<Scope> scope = condition.group().isEmpty() ? Optional.of(Scope.TEAM) : groups.scope(condition.group().get());
    if (scope.isEmpty()) {
      err.println("There is no group " + condition.group().get() + (groups.names().isEmpty() ? "."
          : "; the groups are " + String.join(", ", groups.names()) + "."));
      return 2;
    }
    Texts x = Texts.of(add.lang().orElse(botLanguage));
    try {
      DryRun.Result r = DryRun.run(condition, scope.get(), days, zone, params, clock, x.language());
      if (r.message().isEmpty()) {
        out.println(r.why());
        return 0;
      }
      ReportBlocks.Message m = r.message().get();
      if (o.json()) {
        out.println(ReportBlocks.toPrettyJson(m));
      } else {
        out.println(add.channelId().map(ch -> x.get("posts.preview.would_post", ch))
            .orElseGet(() -> x.get("posts.preview.would_post_rule_channel")));
        out.println();
        out.print(text(m.blocks(), x));
      }
      return 0;
    } catch (DeskException e) {
      err.println(x.get("posts.preview.desk_failed", e.userMessage()));
      return 1;
    }
  }

  /** The blocks as a person reads them in a terminal, in English. */
  static String text(List<LayoutBlock> blocks) {
    return text(blocks, Texts.of(Language.EN));
  }

  /** The blocks as a person reads them in a terminal; the button in the post's language. */
  static String text(List<LayoutBlock> blocks, Texts x) {
    StringBuilder s = new StringBuilder();
    for (LayoutBlock b : blocks) {
      if (b instanceof HeaderBlock h) s.append(h.getText().getText()).append("\n\n");
      else if (b instanceof SectionBlock sec && sec.getText() != null) s.append(plain(sec.getText().getText())).append("\n\n");
      else if (b instanceof ContextBlock ctx) {
        for (var e : ctx.getElements()) if (e instanceof TextObject t) s.append(plain(textOf(t))).append('\n');
      } else if (b instanceof ActionsBlock) s.append('[').append(x.get("posts.alert.open_report")).append("]\n");
    }
    return s.toString();
  }

  private static String textOf(TextObject t) {
    return t instanceof com.slack.api.model.block.composition.MarkdownTextObject m ? m.getText()
        : t instanceof com.slack.api.model.block.composition.PlainTextObject p ? p.getText() : "";
  }

  /** mrkdwn as typed text: entities back to characters. */
  private static String plain(String mrkdwn) {
    return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
