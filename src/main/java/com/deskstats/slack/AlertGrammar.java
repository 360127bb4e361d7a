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
 * Reads {@code alert [#channel] METRIC OP THRESHOLD [per agent] [group NAME] [lang en|zh]} and {@code alert remove ID} (SPEC §8).
 * Pure and total, like {@link CommandParser}: every refusal is one sentence with an example.
 */
final class AlertGrammar {
  private AlertGrammar() {}

  /** The first example, as typed (a refusal's argument is escaped, see {@link #code}). */
  static final String EXAMPLE = "`alert #support unreplied > 5`";
  /** METRIC, OP and THRESHOLD, with or without spaces between them; the rest must be empty. */
  private static final Pattern CONDITION = Pattern.compile(
      "(?<metric>[^\\s<>=!≥≤]+)\\s*(?<op>[<>=!≥≤]+)?\\s*(?<threshold>\\S+)?\\s*(?<rest>.*)", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}(?:\\.\\d{1,3})?");
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,6})m)?(?:(\\d{1,7})s)?");
  private static final Pattern ID = Pattern.compile("\\d{1,18}");

  static Command alert(List<String> words) {
    if (words.isEmpty()) return usage("grammar.alert.what", code(EXAMPLE));
    if (words.get(0).equalsIgnoreCase("remove")) return remove(words.subList(1, words.size()));
    List<String> w = new ArrayList<>(words);
    CommandParser.GroupOption group = CommandParser.takeGroup(w);
    if (group.usage() != null) return group.usage();
    CommandParser.LangOption lang = CommandParser.takeLang(w);
    if (lang.usage() != null) return lang.usage();
    Optional<String> channel = Optional.empty();
    boolean perAgent = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      Matcher c = CommandParser.CHANNEL.matcher(word);
      if (c.matches()) {
        if (channel.isPresent()) return usage("grammar.alert.one_channel", code(EXAMPLE));
        channel = Optional.of(c.group(1));
      } else if (word.equalsIgnoreCase("per")) {
        if (i + 1 >= w.size() || !w.get(i + 1).equalsIgnoreCase("agent")) return usage("grammar.alert.per_agent");
        perAgent = true;
        i++;
      } else if (word.startsWith("#")) {
        return CommandParser.notAChannel(word, "alert");
      } else {
        rest.add(word);
      }
    }
    String text = CommandParser.unescape(String.join(" ", rest)).strip();
    if (text.isEmpty()) return usage("grammar.alert.what", code(EXAMPLE));
    Matcher m = CONDITION.matcher(text);
    if (!m.matches()) return usage("grammar.alert.what", code(EXAMPLE));
    String metricWord = m.group("metric");
    Optional<Metric> metric = Metric.of(metricWord);
    if (metric.isEmpty()) return usage("grammar.alert.unknown_metric", said(metricWord), code(EXAMPLE));
    String example = code(example(metric.get()));
    String opText = m.group("op");
    String threshold = m.group("threshold");
    if (opText == null) {
      return threshold == null
          ? usage("grammar.alert.no_comparison", Mrkdwn.escape(metricWord), example)
          : usage("grammar.alert.comparison_first", example);
    }
    Optional<Op> op = Op.of(opText);
    if (op.isEmpty()) return usage("grammar.alert.unknown_comparison", said(opText), example);
    if (threshold == null) return usage("grammar.alert.no_threshold", Mrkdwn.escape(opText), example);
    if (!m.group("rest").isBlank()) return usage("grammar.alert.extra", said(m.group("rest")));
    Object value = threshold(metric.get(), threshold, example);
    if (value instanceof Command.Usage u) return u;
    return new Command.AlertAdd(channel, new AlertCondition(metric.get(), op.get(), (Double) value, perAgent, group.name()),
        lang.lang());
  }

  /** The threshold in the metric's unit, or the refusal; {@code example} is already escaped. */
  private static Object threshold(Metric metric, String raw, String example) {
    String t = raw.toLowerCase(Locale.ROOT);
    if (t.startsWith("-")) return usage("grammar.alert.below_zero", said(raw), example);
    if (metric.percent()) {
      String n = t.endsWith("%") ? t.substring(0, t.length() - 1) : t;
      if (!NUMBER.matcher(n).matches()) return usage("grammar.alert.not_a_share", metric.text(), example);
      double v = Double.parseDouble(n);
      if (v > 100) return usage("grammar.alert.over_100", said(raw), example);
      return v;
    }
    if (metric == Metric.FIRST_RESPONSE) {
      if (NUMBER.matcher(t).matches()) return Double.parseDouble(t);
      Matcher d = DURATION.matcher(t);
      if (t.isEmpty() || !d.matches()) return usage("grammar.alert.not_a_time", example);
      long seconds = 0;
      if (d.group(1) != null) seconds += Long.parseLong(d.group(1)) * 3600;
      if (d.group(2) != null) seconds += Long.parseLong(d.group(2)) * 60;
      if (d.group(3) != null) seconds += Long.parseLong(d.group(3));
      return (double) seconds;
    }
    if (!t.matches("\\d{1,9}")) return usage("grammar.alert.not_a_count", metric.text(), example);
    return Double.parseDouble(t);
  }

  private static Command remove(List<String> words) {
    if (words.size() != 1) return usage("grammar.alert.remove_one");
    String id = words.get(0).startsWith("#") ? words.get(0).substring(1) : words.get(0);
    if (!ID.matcher(id).matches() || Long.parseLong(id) == 0) return usage("grammar.alert.bad_id", said(words.get(0)));
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

  /** An example as mrkdwn: it shows ">" and "<" as typed, which mrkdwn needs escaped. */
  private static String code(String example) {
    return Mrkdwn.escape(example);
  }

  /** User text to quote in a refusal: as typed, without formatting marks, short and escaped. */
  private static String said(String text) {
    return CommandParser.echo(text);
  }

  private static Command.Usage usage(String key, Object... args) {
    return CommandParser.usage(key, args);
  }
}
