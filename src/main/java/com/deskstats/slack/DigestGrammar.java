package com.deskstats.slack;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code subscribe}, {@code unsubscribe} and {@code digest now} (SPEC §5) for {@link CommandParser}. Pure, and
 * every refusal one sentence.
 */
final class DigestGrammar {
  private DigestGrammar() {}

  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

  /** "mon" or "monday" (any case) as a day of the week. */
  private static Optional<DayOfWeek> weekday(String lower) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (lower.equals(name) || lower.equals(name.substring(0, 3))) return Optional.of(d);
    }
    return Optional.empty();
  }

  /** {@code unsubscribe [#channel] [weekly] [group NAME]}. */
  static Command unsubscribe(List<String> words) {
    List<String> w = new ArrayList<>(words);
    CommandParser.GroupOption group = CommandParser.takeGroup(w);
    if (group.usage() != null) return group.usage();
    boolean weekly = w.removeIf(x -> x.equalsIgnoreCase("weekly"));
    Target target = channelOnly(w, "unsubscribe");
    return target.usage() != null ? target.usage() : new Command.Unsubscribe(target.channel(), weekly, group.name());
  }

  /** {@code subscribe [#channel] [HH:MM] [weekly [DAY]] [group NAME] [csv] [lang en|zh]}. */
  static Command subscribe(List<String> raw) {
    List<String> words = new ArrayList<>(raw);
    CommandParser.GroupOption group = CommandParser.takeGroup(words);
    if (group.usage() != null) return group.usage();
    CommandParser.LangOption lang = CommandParser.takeLang(words);
    if (lang.usage() != null) return lang.usage();
    Optional<String> channel = Optional.empty();
    Optional<LocalTime> time = Optional.empty();
    boolean weekly = false;
    DayOfWeek day = DayOfWeek.MONDAY;
    boolean dayGiven = false;
    boolean csv = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      Matcher c = CommandParser.CHANNEL.matcher(word);
      Matcher t = TIME.matcher(word);
      String lower = word.toLowerCase(Locale.ROOT);
      Optional<DayOfWeek> weekday = weekday(lower);
      if (lower.equals("weekly")) {
        if (weekly) return CommandParser.usage("grammar.subscribe.weekly_twice");
        weekly = true;
      } else if (weekday.isPresent() && !dayGiven && i > 0 && words.get(i - 1).equalsIgnoreCase("weekly")) {
        day = weekday.get();
        dayGiven = true;
      } else if (weekday.isPresent()) {
        return CommandParser.usage("grammar.subscribe.day_after_weekly");
      } else if (lower.equals("csv")) {
        if (csv) return CommandParser.usage("grammar.subscribe.csv_twice");
        csv = true;
      } else if (c.matches()) {
        if (channel.isPresent()) return CommandParser.usage("grammar.subscribe.one_channel");
        channel = Optional.of(c.group(1));
      } else if (t.matches()) {
        if (time.isPresent()) return CommandParser.usage("grammar.subscribe.one_time");
        int h = Integer.parseInt(t.group(1));
        int min = Integer.parseInt(t.group(2));
        if (h > 23 || min > 59) return CommandParser.usage("grammar.subscribe.bad_time", word);
        time = Optional.of(LocalTime.of(h, min));
      } else {
        Command.Usage u = CommandParser.notAChannel(word, "subscribe");
        if (u != null) return u;
        return CommandParser.usage("grammar.subscribe.unknown", CommandParser.echo(word));
      }
    }
    return new Command.Subscribe(channel, time, new DigestOptions(weekly, day, group.name(), csv, lang.lang()));
  }

  /** {@code digest now [#channel]}. */
  static Command digest(List<String> words) {
    if (words.isEmpty() || !words.get(0).equalsIgnoreCase("now")) return CommandParser.usage("grammar.digest.now");
    Target target = channelOnly(words.subList(1, words.size()), "digest now");
    return target.usage() != null ? target.usage() : new Command.DigestNow(target.channel());
  }

  /** At most one channel named by the words, or why not. */
  private record Target(Optional<String> channel, Command.Usage usage) {}

  private static Target channelOnly(List<String> words, String what) {
    if (words.isEmpty()) return new Target(Optional.empty(), null);
    if (words.size() > 1) return new Target(Optional.empty(), CommandParser.usage("grammar.channel.at_most_one", what));
    Matcher c = CommandParser.CHANNEL.matcher(words.get(0));
    if (c.matches()) return new Target(Optional.of(c.group(1)), null);
    Command.Usage u = CommandParser.notAChannel(words.get(0), what);
    return new Target(Optional.empty(),
        u != null ? u : CommandParser.usage("grammar.channel.not_a_channel", what, CommandParser.echo(words.get(0))));
  }
}
