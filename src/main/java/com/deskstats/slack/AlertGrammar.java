package com.deskstats.slack;

import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code alert [#channel] METRIC OP THRESHOLD [per agent] [group NAME]} and {@code alert remove ID} (SPEC §8).
 * Pure and total, like {@link CommandParser}: every refusal is one sentence with an example.
 */
final class AlertGrammar {
  private AlertGrammar() {}

  static final String EXAMPLE = "`alert #support unreplied > 5`";
  private static final String METRICS = "unreplied, satisfaction, first-response, within-30s or sessions";
  /** METRIC, OP and THRESHOLD, with or without spaces between them; the rest must be empty. */
  private static final Pattern CONDITION = Pattern.compile(
      "(?<metric>[^\\s<>=!≥≤]+)\\s*(?<op>[<>=!≥≤]+)?\\s*(?<threshold>\\S+)?\\s*(?<rest>.*)", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}(?:\\.\\d{1,3})?");
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,6})m)?(?:(\\d{1,7})s)?");
  private static final Pattern ID = Pattern.compile("\\d{1,18}");

  static Command alert(List<String> words) {
    if (words.isEmpty()) return usage("Say what to watch, as in " + EXAMPLE + ".");
    if (words.get(0).equalsIgnoreCase("remove")) return remove(words.subList(1, words.size()));
    List<String> w = new ArrayList<>(words);
    CommandParser.GroupOption group = CommandParser.takeGroup(w);
    if (group.usage() != null) return group.usage();
    Optional<String> channel = Optional.empty();
    boolean perAgent = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      Matcher c = CommandParser.CHANNEL.matcher(word);
      if (c.matches()) {
        if (channel.isPresent()) return usage("An alert posts to one channel, as in " + EXAMPLE + ".");
        channel = Optional.of(c.group(1));
      } else if (word.equalsIgnoreCase("per")) {
        if (i + 1 >= w.size() || !w.get(i + 1).equalsIgnoreCase("agent")) {
          return usage("Did you mean `per agent`, as in `alert satisfaction < 80% per agent`?");
        }
        perAgent = true;
        i++;
      } else if (word.startsWith("#")) {
        return CommandParser.notAChannel(word, "alert");
      } else {
        rest.add(word);
      }
    }
    String text = CommandParser.unescape(String.join(" ", rest)).strip();
    if (text.isEmpty()) return usage("Say what to watch, as in " + EXAMPLE + ".");
    Matcher m = CONDITION.matcher(text);
    if (!m.matches()) return usage("Say what to watch, as in " + EXAMPLE + ".");
    String metricWord = m.group("metric");
    Optional<Metric> metric = Metric.of(metricWord);
    if (metric.isEmpty()) {
      return usage("'" + said(metricWord) + "' is not something an alert can watch: use " + METRICS
          + ", as in " + EXAMPLE + ".");
    }
    String example = example(metric.get());
    String opText = m.group("op");
    String threshold = m.group("threshold");
    if (opText == null) {
      return usage(threshold == null
          ? "Give a comparison and a threshold after `" + metricWord + "`, as in " + example + "."
          : "Put a comparison (>, >=, < or <=) before the threshold, as in " + example + ".");
    }
    Optional<Op> op = Op.of(opText);
    if (op.isEmpty()) {
      return usage("'" + said(opText) + "' is not a comparison: use >, >=, < or <=, as in " + example + ".");
    }
    if (threshold == null) return usage("Give the threshold after `" + opText + "`, as in " + example + ".");
    if (!m.group("rest").isBlank()) {
      return usage("'" + said(m.group("rest")) + "' is not part of an alert: after the threshold come only "
          + "`per agent` and `group NAME`, as in `alert satisfaction < 80% per agent`.");
    }
    Object value = threshold(metric.get(), threshold, example);
    if (value instanceof Command.Usage u) return u;
    return new Command.AlertAdd(channel, new AlertCondition(metric.get(), op.get(), (Double) value, perAgent, group.name()));
  }

  /** The threshold in the metric's unit, or the refusal. */
  private static Object threshold(Metric metric, String raw, String example) {
    String t = raw.toLowerCase(Locale.ROOT);
    if (t.startsWith("-")) {
      return usage("'" + said(raw) + "' is below zero: a threshold is zero or more, as in " + example + ".");
    }
    if (metric.percent()) {
      String n = t.endsWith("%") ? t.substring(0, t.length() - 1) : t;
      if (!NUMBER.matcher(n).matches()) {
        return usage(metric.label() + " is a share: give a percentage from 0 to 100, as in " + example + ".");
      }
      double v = Double.parseDouble(n);
      if (v > 100) {
        return usage("'" + said(raw) + "' is more than 100%: give a percentage from 0 to 100, as in "
            + example + ".");
      }
      return v;
    }
    if (metric == Metric.FIRST_RESPONSE) {
      if (NUMBER.matcher(t).matches()) return Double.parseDouble(t);
      Matcher d = DURATION.matcher(t);
      if (t.isEmpty() || !d.matches()) {
        return usage("First response is a time: give it like `45s`, `2m` or `1h`, as in " + example + ".");
      }
      long seconds = 0;
      if (d.group(1) != null) seconds += Long.parseLong(d.group(1)) * 3600;
      if (d.group(2) != null) seconds += Long.parseLong(d.group(2)) * 60;
      if (d.group(3) != null) seconds += Long.parseLong(d.group(3));
      return (double) seconds;
    }
    if (!t.matches("\\d{1,9}")) {
      return usage(metric.label() + " is a count: give a whole number of sessions, as in " + example + ".");
    }
    return Double.parseDouble(t);
  }

  private static Command remove(List<String> words) {
    if (words.size() != 1) {
      return usage("Name one alert to remove by its number, as in `alert remove 3`; `alerts` lists them.");
    }
    String id = words.get(0).startsWith("#") ? words.get(0).substring(1) : words.get(0);
    if (!ID.matcher(id).matches() || Long.parseLong(id) == 0) {
      return usage("'" + said(words.get(0)) + "' is not an alert number: use the number `alerts` shows, "
          + "as in `alert remove 3`.");
    }
    return new Command.AlertRemove(Long.parseLong(id));
  }

  private static String example(Metric metric) {
    return switch (metric) {
      case UNREPLIED -> EXAMPLE;
      case SATISFACTION -> "`alert satisfaction < 80%`";
      case FIRST_RESPONSE -> "`alert first-response > 1m`";
      case WITHIN_30S -> "`alert within-30s < 70%`";
      case SESSIONS -> "`alert sessions > 200`";
    };
  }

  /** User text to quote in a refusal, as typed, without formatting marks; {@link #usage} escapes it. */
  private static String said(String text) {
    return Mrkdwn.truncate(CommandParser.unescape(text).replaceAll("[`*_~]", "").replaceAll("\\s+", " ").strip(), 40);
  }

  private static Command.Usage usage(String sentence) {
    // The examples show ">" and "<" as typed; mrkdwn needs them escaped.
    return new Command.Usage(Mrkdwn.escape(sentence));
  }
}
