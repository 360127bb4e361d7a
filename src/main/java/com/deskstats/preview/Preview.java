package com.deskstats.preview;

import com.deskstats.desk.DeskException;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Chart;
import com.deskstats.stats.Period;
import com.deskstats.stats.PeriodParse;
import com.deskstats.stats.PeriodParser;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code desk-stats preview}: the report Slack would get, printed for a person (aligned tables) or as Block Kit
 * JSON, with the chart written to a file, and no Slack needed.
 */
public final class Preview {
  private Preview() {}

  /** How the command line is used, for help and errors. */
  public static final String USAGE = String.join("\n",
      "Usage: desk-stats preview [PERIOD] [--agent ID] [--demo] [--json] [--chart FILE] [--lang en|zh]",
      "  PERIOD        " + PeriodParser.GRAMMAR,
      "  --agent ID    the card of one agent (Desk AgentId) instead of the team report",
      "  --demo        the bundled sample team instead of your Desk (also DESK_DEMO=true)",
      "  --json        print the Block Kit JSON Slack would get",
      "  --chart FILE  also write the leaderboard chart as PNG to FILE",
      "  --lang en|zh  the language of the report, the card and the chart (default: BOT_LANGUAGE, else en)",
      "       desk-stats preview alert \"RULE\" [--demo] [--json]   one alert rule against today; see 'preview alert --help'");

  /**
   * What the command line asked for.
   *
   * @param period the period words as typed ("" means yesterday)
   * @param agent the AgentId whose card to show, if any
   * @param demo use the bundled sample team
   * @param json print Block Kit JSON instead of tables
   * @param chart where to write the chart PNG, if anywhere
   * @param help only print the usage
   * @param lang the language to print in; empty: BOT_LANGUAGE
   */
  public record Options(String period, Optional<String> agent, boolean demo, boolean json, Optional<Path> chart,
      boolean help, Optional<Language> lang) {

    /** Options without {@code --lang}. */
    public Options(String period, Optional<String> agent, boolean demo, boolean json, Optional<Path> chart,
        boolean help) {
      this(period, agent, demo, json, chart, help, Optional.empty());
    }

    /** These options, in {@code fallback} when {@code --lang} was not given. */
    public Options orLanguage(Language fallback) {
      return lang.isPresent() ? this : new Options(period, agent, demo, json, chart, help, Optional.of(fallback));
    }

    /** The language to print in: {@code --lang}, else English. */
    public Language language() {
      return lang.orElse(Language.EN);
    }
  }

  /** A command line the preview cannot run: one sentence, then the usage. */
  public static final class UsageException extends IllegalArgumentException {
    private final String sentence;

    public UsageException(String sentence) {
      super(sentence + "\n" + USAGE);
      this.sentence = sentence;
    }

    /** What is wrong, in one sentence. */
    public String sentence() {
      return sentence;
    }
  }

  /** Reads the arguments after {@code preview}. */
  public static Options parseArgs(List<String> args) {
    List<String> words = new ArrayList<>();
    Optional<String> agent = Optional.empty();
    Optional<Path> chart = Optional.empty();
    Optional<Language> lang = Optional.empty();
    boolean demo = false;
    boolean json = false;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--demo" -> demo = noValue(a, value);
        case "--json" -> json = noValue(a, value);
        case "--help", "-h" -> help = noValue(a, value);
        case "--agent" -> {
          if (value == null) value = next(args, ++i, a);
          if (value.isBlank()) throw new UsageException("--agent needs a Desk AgentId.");
          if (agent.isPresent()) throw new UsageException("--agent was given twice.");
          agent = Optional.of(value.strip());
        }
        case "--chart" -> {
          if (value == null) value = next(args, ++i, a);
          if (value.isBlank()) throw new UsageException("--chart needs a file name.");
          if (chart.isPresent()) throw new UsageException("--chart was given twice.");
          chart = Optional.of(Path.of(value));
        }
        case "--lang" -> {
          if (value == null) value = next(args, ++i, a);
          if (lang.isPresent()) throw new UsageException("--lang was given twice.");
          String word = value;
          lang = Optional.of(Language.parse(word)
              .orElseThrow(() -> new UsageException("--lang is en or zh, not " + clip(word) + ".")));
        }
        default -> {
          if (a.startsWith("-")) throw new UsageException("Unknown option " + clip(a) + ".");
          words.add(a);
        }
      }
    }
    return new Options(String.join(" ", words), agent, demo, json, chart, help, lang);
  }

  private static boolean noValue(String option, String value) {
    if (value != null) throw new UsageException(option + " takes no value.");
    return true;
  }

  private static String next(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new UsageException(option + " needs a value.");
    }
    return args.get(i);
  }

  private static String clip(String s) {
    return TextTable.clean(s, 40);
  }

  /** {@link #run(Options, Reports, PrintStream, PrintStream, Clock)} with errors on {@code System.err}. */
  public static int run(Options opts, Reports reports, PrintStream out, Clock clock) {
    return run(opts, reports, out, System.err, clock);
  }

  /**
   * Prints the report or card the options ask for.
   *
   * @return 0 when printed; 1 when Desk failed, the agent was not found or the chart could not be written;
   *     2 when the period is not one a report can cover
   */
  public static int run(Options opts, Reports reports, PrintStream out, PrintStream err, Clock clock) {
    if (opts.help()) {
      out.println(USAGE);
      return 0;
    }
    PeriodParse parsed = PeriodParser.parse(opts.period(), reports.today());
    if (parsed instanceof PeriodParse.Invalid invalid) {
      err.println(invalid.sentence());
      return 2;
    }
    Period period = ((PeriodParse.Parsed) parsed).period();
    Language l = opts.language();
    Texts t = Texts.of(l);
    ReportBlocks.Options blockOptions = new ReportBlocks.Options(reports.today(), true, true, clock.instant(), l);
    try {
      Report report;
      if (opts.agent().isPresent()) {
        Optional<AgentCard> card = reports.card(period, opts.agent().get());
        if (card.isEmpty()) {
          err.println(t.get("report.terminal.no_agent", TextTable.clean(opts.agent().get(), TerminalText.ID_WIDTH),
              period.label(l)));
          return 1;
        }
        report = card.get().report();
        if (opts.json()) out.println(ReportBlocks.toPrettyJson(ReportBlocks.card(card.get(), blockOptions)));
        else out.print(TerminalText.card(card.get(), clock, l));
      } else {
        report = reports.report(period);
        if (opts.json()) out.println(ReportBlocks.toPrettyJson(ReportBlocks.report(report, blockOptions)));
        else out.print(TerminalText.report(report, clock, l));
      }
      if (opts.chart().isPresent()) {
        Path file = opts.chart().get();
        byte[] png = Chart.png(report, l);
        Files.write(file, png);
        (opts.json() ? err : out).println(t.get("report.terminal.chart_written", file.toString(),
            t.formats().count(png.length / 1024 + 1)));
      }
      return 0;
    } catch (DeskException e) {
      err.println(e.userMessage());
      return 1;
    } catch (IOException e) {
      err.println(t.get("report.terminal.chart_failed", opts.chart().map(Path::toString).orElse("?")));
      return 1;
    }
  }
}
