package com.deskstats.slack;

import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.util.Locale;
import java.util.Optional;

/**
 * What an alert rule watches (SPEC §8), as {@code /desk-stats alert} reads it: a metric of today's numbers, a
 * comparison and a threshold, for the team (or a group) as a whole or for each agent on their own.
 *
 * @param threshold in the metric's unit: sessions, percent (0–100) or seconds
 * @param group the group's name, lower case; empty for the whole team
 */
public record AlertCondition(Metric metric, Op op, double threshold, boolean perAgent, Optional<String> group) {

  /** The numbers an alert can watch, by the word the command uses. */
  public enum Metric {
    UNREPLIED("unreplied"),
    SATISFACTION("satisfaction"),
    FIRST_RESPONSE("first-response"),
    WITHIN_30S("within-30s"),
    SESSIONS("sessions");

    private final String word;

    Metric(String word) {
      this.word = word;
    }

    /** The word in the command: {@code unreplied}, {@code first-response}… */
    public String word() {
      return word;
    }

    /** How an English message names it: "Unreplied sessions". */
    public String label() {
      return label(Language.EN);
    }

    /** How a message in {@code language} names it: "Unreplied sessions", "未回复会话". */
    public String label(Language language) {
      return Texts.of(language).render(text());
    }

    /** Its name, not yet in a language (an argument of a sentence). */
    public Text text() {
      return Text.of("grammar.metric." + word.replace('-', '_'));
    }

    /** True for shares shown as a percentage. */
    public boolean percent() {
      return this == SATISFACTION || this == WITHIN_30S;
    }

    /** True for whole counts of sessions. */
    public boolean count() {
      return this == UNREPLIED || this == SESSIONS;
    }

    public static Optional<Metric> of(String word) {
      String w = word.toLowerCase(Locale.ROOT);
      for (Metric m : values()) if (m.word.equals(w)) return Optional.of(m);
      return Optional.empty();
    }
  }

  /** The comparison: the condition holds when {@code value op threshold}. */
  public enum Op {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean holds(double value, double threshold) {
      return switch (this) {
        case GT -> value > threshold;
        case GE -> value >= threshold;
        case LT -> value < threshold;
        case LE -> value <= threshold;
      };
    }

    /** True for {@code >} and {@code >=}: higher values are the bad ones. */
    public boolean above() {
      return this == GT || this == GE;
    }

    /** {@code >}, {@code >=}, {@code <}, {@code <=} (and {@code ≥}, {@code ≤}); anything else is empty. */
    public static Optional<Op> of(String symbol) {
      return switch (symbol) {
        case ">" -> Optional.of(GT);
        case ">=", "≥" -> Optional.of(GE);
        case "<" -> Optional.of(LT);
        case "<=", "≤" -> Optional.of(LE);
        default -> Optional.empty();
      };
    }
  }

  /** The threshold as the command shows it: {@code 5}, {@code 80%}, {@code 1m 30s}. */
  public String thresholdText() {
    return thresholdText(Formats.of(Language.EN));
  }

  /** The threshold as a message in the formats' language shows it: {@code 80%}, {@code 1m 30s}, {@code 1分30秒}. */
  public String thresholdText(Formats formats) {
    if (metric.percent()) {
      return (threshold == Math.rint(threshold) ? String.valueOf((long) threshold)
          : String.format(Locale.ENGLISH, "%.1f", threshold)) + "%";
    }
    return format(metric, threshold, formats);
  }

  /** A measured value of {@code metric} as English messages show it: {@code 7}, {@code 83%}, {@code 1m 05s}. */
  public static String format(Metric metric, double value) {
    return format(metric, value, Formats.of(Language.EN));
  }

  /** A measured value of {@code metric} in the formats' language: {@code 83%}, {@code 1m 05s}, {@code 1分05秒}. */
  public static String format(Metric metric, double value, Formats formats) {
    if (metric.percent()) return formats.percent(value / 100);
    if (metric == Metric.FIRST_RESPONSE) return formats.seconds(value);
    return formats.count(Math.round(value));
  }

  /** The condition as the command reads: {@code unreplied > 5 per agent group tier1}. */
  public String text() {
    return metric.word() + " " + op.symbol() + " " + thresholdText() + (perAgent ? " per agent" : "")
        + group.map(g -> " group " + g).orElse("");
  }
}
