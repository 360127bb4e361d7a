package com.deskstats.preview;

import static com.deskstats.slack.ReportFormat.count;
import static com.deskstats.slack.ReportFormat.percent;
import static com.deskstats.slack.ReportFormat.ratio;
import static com.deskstats.slack.ReportFormat.seconds;
import static com.deskstats.slack.ReportFormat.span;

import com.deskstats.desk.DeskException;
import com.deskstats.slack.CardTrends;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.slack.ReportFormat;
import com.deskstats.slack.ReportFormat.Good;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentStats;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Chart;
import com.deskstats.stats.Period;
import com.deskstats.stats.PeriodParse;
import com.deskstats.stats.PeriodParser;
import com.deskstats.stats.Ranked;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.TeamMedians;
import com.deskstats.stats.TeamSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;

/**
 * {@code desk-stats preview}: the report Slack would get, printed for a person (aligned tables) or as Block Kit
 * JSON, with the chart written to a file, and no Slack needed.
 */
public final class Preview {
  private Preview() {}

  /** How the command line is used, for help and errors. */
  public static final String USAGE = String.join("\n",
      "Usage: desk-stats preview [PERIOD] [--agent ID] [--demo] [--json] [--chart FILE]",
      "  PERIOD        " + PeriodParser.GRAMMAR,
      "  --agent ID    the card of one agent (Desk AgentId) instead of the team report",
      "  --demo        the bundled sample team instead of your Desk (also DESK_DEMO=true)",
      "  --json        print the Block Kit JSON Slack would get",
      "  --chart FILE  also write the leaderboard chart as PNG to FILE",
      "       desk-stats preview alert \"RULE\" [--demo] [--json]   one alert rule against today; see 'preview alert --help'");

  private static final String SAMPLE_MARK = "=== SAMPLE DATA: the bundled demo team, not your Desk ===";
  private static final int NAME_WIDTH = 28;
  private static final int ID_WIDTH = 34;

  /**
   * What the command line asked for.
   *
   * @param period the period words as typed ("" means yesterday)
   * @param agent the AgentId whose card to show, if any
   * @param demo use the bundled sample team
   * @param json print Block Kit JSON instead of tables
   * @param chart where to write the chart PNG, if anywhere
   * @param help only print the usage
   */
  public record Options(String period, Optional<String> agent, boolean demo, boolean json, Optional<Path> chart,
      boolean help) {}

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
        default -> {
          if (a.startsWith("-")) throw new UsageException("Unknown option " + clip(a) + ".");
          words.add(a);
        }
      }
    }
    return new Options(String.join(" ", words), agent, demo, json, chart, help);
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
    ReportBlocks.Options blockOptions = new ReportBlocks.Options(reports.today(), true, true, clock.instant());
    try {
      Report report;
      if (opts.agent().isPresent()) {
        Optional<AgentCard> card = reports.card(period, opts.agent().get());
        if (card.isEmpty()) {
          err.println("No agent with AgentId " + TextTable.clean(opts.agent().get(), ID_WIDTH) + " was active in "
              + period.label() + ".");
          return 1;
        }
        report = card.get().report();
        if (opts.json()) out.println(ReportBlocks.toPrettyJson(ReportBlocks.card(card.get(), blockOptions)));
        else out.print(cardText(card.get(), clock));
      } else {
        report = reports.report(period);
        if (opts.json()) out.println(ReportBlocks.toPrettyJson(ReportBlocks.report(report, blockOptions)));
        else out.print(reportText(report, clock));
      }
      if (opts.chart().isPresent()) {
        Path file = opts.chart().get();
        byte[] png = Chart.png(report);
        Files.write(file, png);
        (opts.json() ? err : out).println("Chart written to " + file + " (" + count(png.length / 1024 + 1) + " KB).");
      }
      return 0;
    } catch (DeskException e) {
      err.println(e.userMessage());
      return 1;
    } catch (IOException e) {
      err.println("Could not write the chart to " + opts.chart().map(Path::toString).orElse("?")
          + ": check that the folder exists and is writable.");
      return 1;
    }
  }

  // ---------------------------------------------------------------- the team report as text

  /** The team report for a terminal: header, summary with changes, both boards, needs attention, context. */
  static String reportText(Report r, Clock clock) {
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(SAMPLE_MARK).append("\n\n");
    s.append("Desk team report · ").append(r.period().label()).append('\n');
    s.append(context(r, clock)).append("\n\n");

    TeamSummary cur = r.current() == null ? TeamSummary.EMPTY : r.current();
    TeamSummary prev = r.previous() == null || r.previous().activeAgents() == 0 ? null : r.previous();
    s.append("Team summary").append(prev == null ? "" : " (change vs " + r.comparison().label() + ")").append('\n');
    TextTable summary = new TextTable(false, true, false);
    summary.row("Sessions", count(cur.sessions()), prev == null ? "" : ReportFormat.countChange(cur.sessions(), prev.sessions()));
    summary.row("Active agents", count(cur.activeAgents()),
        prev == null ? "" : ReportFormat.countChange(cur.activeAgents(), prev.activeAgents()));
    summary.row("Satisfaction", ratio(cur.satisfied(), cur.rated()),
        prev == null ? "" : ReportFormat.judged(ReportFormat.shareChange(cur.satisfaction(), prev.satisfaction()), Good.UP));
    summary.row("First response", cur.firstResponse().isPresent() ? seconds(cur.firstResponse().getAsDouble()) + " avg" : "—",
        prev == null ? "" : ReportFormat.judged(ReportFormat.secondsChange(cur.firstResponse(), prev.firstResponse()),
            Good.DOWN));
    summary.row("Within 30 s", cur.firstRespUnder30Share().isPresent()
        ? percent(cur.firstRespUnder30Share().getAsDouble()) + " of answered" : "—",
        prev == null ? "" : ReportFormat.judged(
            ReportFormat.shareChange(cur.firstRespUnder30Share(), prev.firstRespUnder30Share()), Good.UP));
    summary.row("Unreplied", count(cur.unreplied()),
        prev == null ? "" : ReportFormat.judged(ReportFormat.countChange(cur.unreplied(), prev.unreplied()), Good.DOWN));
    s.append(summary.render("  ")).append('\n');

    int top = Math.max(0, r.topN());
    s.append("Satisfaction · at least ").append(r.minRatings()).append(r.minRatings() == 1 ? " rating" : " ratings")
        .append(", fairest first (Wilson lower bound)\n");
    if (r.satisfaction().isEmpty()) {
      s.append("  No agent has ").append(r.minRatings() <= 1 ? "a rating" : "at least " + r.minRatings() + " ratings")
          .append(" in this period.\n");
    } else {
      TextTable t = new TextTable(true, false, false, true, true).row("#", "Agent", "AgentId", "Satisfaction", "Move");
      for (Ranked x : r.satisfaction().subList(0, Math.min(top, r.satisfaction().size()))) {
        AgentStats a = x.agent();
        t.row(String.valueOf(x.rank()), name(a), id(a), ratio(a.satisfiedSessions(), a.ratedSessions()),
            r.comparison().satisfactionMove(x).text());
      }
      s.append(t.render("  ")).append(more(r.satisfaction().size(), top));
    }
    s.append('\n');

    s.append("First response · agents who answered, fastest average first\n");
    if (r.firstResponse().isEmpty()) {
      s.append("  No agent answered a session in this period.\n");
    } else {
      TextTable t = new TextTable(true, false, false, true, true, true)
          .row("#", "Agent", "AgentId", "Average", "Within 30 s", "Move");
      for (Ranked x : r.firstResponse().subList(0, Math.min(top, r.firstResponse().size()))) {
        AgentStats a = x.agent();
        t.row(String.valueOf(x.rank()), name(a), id(a), seconds(a.avgFirstRespTime()), share(a.firstRespUnder30Share()),
            r.comparison().firstResponseMove(x).text());
      }
      s.append(t.render("  ")).append(more(r.firstResponse().size(), top));
    }
    s.append('\n');

    s.append("Needs attention · unreplied sessions\n");
    if (r.needsAttention().isEmpty()) {
      s.append("  Every session got a reply.\n");
    } else {
      TextTable t = new TextTable(false, false, true, true).row("Agent", "AgentId", "Unreplied", "Sessions");
      for (AgentStats a : r.needsAttention().subList(0, Math.min(top, r.needsAttention().size()))) {
        t.row(name(a), id(a), count(a.unrepliedSessions()), count(a.totalSessions()));
      }
      s.append(t.render("  ")).append(more(r.needsAttention().size(), top));
    }
    if (r.sample()) s.append('\n').append(SAMPLE_MARK).append('\n');
    return s.toString();
  }

  // ---------------------------------------------------------------- the agent card as text

  /** One agent's card for a terminal: every metric beside the team median, and both ranks. */
  static String cardText(AgentCard c, Clock clock) {
    Report r = c.report();
    AgentStats a = c.agent();
    TeamMedians m = c.medians();
    StringBuilder s = new StringBuilder();
    if (r.sample()) s.append(SAMPLE_MARK).append("\n\n");
    s.append("Agent card · ").append(r.period().label()).append('\n');
    s.append(context(r, clock)).append("\n\n");
    s.append(name(a)).append("  (").append(id(a)).append(")\n");
    s.append("Satisfaction board:   ").append(rank(c.satisfactionRank(), r.satisfaction().size(),
        c.satisfactionRank().isEmpty() ? "" : r.comparison().satisfactionMove(new Ranked(c.satisfactionRank().getAsInt(), a)).text(),
        "not ranked: " + count(a.ratedSessions()) + (a.ratedSessions() == 1 ? " rating" : " ratings") + ", needs "
            + r.minRatings())).append('\n');
    s.append("First response board: ").append(rank(c.firstResponseRank(), r.firstResponse().size(),
        c.firstResponseRank().isEmpty() ? "" : r.comparison().firstResponseMove(new Ranked(c.firstResponseRank().getAsInt(), a)).text(),
        "not ranked: no answered session")).append("\n\n");

    boolean answered = a.answeredSessions() > 0;
    TextTable t = new TextTable(false, false, false).row("Metric", "This agent", "Team median");
    t.row("Sessions", count(a.totalSessions()), median(m.sessions(), v -> count(Math.round(v))));
    t.row("Answered", count(a.answeredSessions()), "");
    t.row("Unreplied", count(a.unrepliedSessions()), median(m.unreplied(), v -> count(Math.round(v))));
    t.row("Satisfaction", ratio(a.satisfiedSessions(), a.ratedSessions()), median(m.satisfaction(), ReportFormat::percent));
    t.row("First response", answered ? seconds(a.avgFirstRespTime()) + " avg" : "no answered sessions",
        median(m.avgFirstRespTime(), ReportFormat::seconds));
    t.row("Within 30 s", share(a.firstRespUnder30Share()), median(m.firstRespUnder30Share(), ReportFormat::percent));
    t.row("Response", answered ? seconds(a.avgRespTime()) + " avg · " + count(a.avgRespUnder30s()) + " within 30 s" : "—",
        median(m.avgRespTime(), ReportFormat::seconds));
    t.row("Session duration", a.totalSessions() == 0 ? "—" : seconds(a.avgAcceptTime()) + " avg · "
        + span(a.totalAcceptTime()) + " in all", median(m.avgAcceptTime(), ReportFormat::seconds));
    t.row("Transferred", count(a.transferSessions()), "");
    t.row("Effective", count(a.effectiveSessions()), "");
    t.row("Ended by agent", count(a.agentEndCount()), "");
    t.row("Users served", count(a.servedUsers()), median(m.servedUsers(), v -> count(Math.round(v))));
    t.row("Messages", count(a.agentMessages()) + " by agent · " + count(a.userMessages()) + " by users · "
        + count(a.totalMessages()) + " in all", median(m.agentMessages(), v -> count(Math.round(v)) + " by agent"));
    t.row("Online", span(a.freeTime() + a.busyTime() + a.restTime()) + " (idle " + span(a.freeTime()) + " · busy "
        + span(a.busyTime()) + " · break " + span(a.restTime()) + ")", "");
    t.row("First login", ReportFormat.timestamp(a.firstLoginTimestamp(), r.zone()), "");
    t.row("Last logout", ReportFormat.timestamp(a.lastLogoutTimestamp(), r.zone()), "");
    s.append(t.render("  "));
    if (!c.trends().sessions().values().isEmpty()) {
      s.append("\nLast ").append(AgentTrends.DAYS).append(" days (lowest ▁ to highest █, blank: no data)\n");
      CardTrends.text(c.trends()).lines().forEach(l -> s.append("  ").append(l).append('\n'));
    }
    if (r.sample()) s.append('\n').append(SAMPLE_MARK).append('\n');
    return s.toString();
  }

  private static String context(Report r, Clock clock) {
    return "Period " + r.period().label() + " · days in " + r.zone().getId() + " · "
        + ReportFormat.dataAge(r.dataAsOf(), r.zone(), clock.instant()) + " · compared with " + r.comparison().label()
        + (r.previous() == null || r.previous().activeAgents() == 0 ? ", no data then" : "");
  }

  private static String name(AgentStats a) {
    return TextTable.clean(a.displayName(), NAME_WIDTH);
  }

  private static String id(AgentStats a) {
    return TextTable.clean(a.agentId(), ID_WIDTH);
  }

  private static String share(OptionalDouble share) {
    return share.isPresent() ? percent(share.getAsDouble()) : "—";
  }

  private static String rank(OptionalInt rank, int of, String move, String otherwise) {
    return rank.isPresent() ? "#" + rank.getAsInt() + " of " + count(of) + " " + move : otherwise;
  }

  private static String median(OptionalDouble m, DoubleFunction<String> f) {
    return m.isPresent() ? f.apply(m.getAsDouble()) : "—";
  }

  private static String more(int total, int shown) {
    return total > shown ? "  …and " + count(total - shown) + " more\n" : "";
  }
}
