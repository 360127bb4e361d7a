package com.deskstats.slack;

import com.deskstats.slack.Command.AgentRef;
import com.deskstats.stats.PeriodParse;
import com.deskstats.stats.PeriodParser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code /desk-stats} grammar of SPEC §4. Pure and total: every text is some {@link Command}. */
public final class CommandParser {

  /** The slash command the app handles. */
  public static final String COMMAND = "/desk-stats";

  /** Usage help, mrkdwn. */
  public static final String USAGE = String.join("\n",
      "*Usage*",
      "• `" + COMMAND + " [PERIOD] [public]`: the team report (yesterday by default)",
      "• `" + COMMAND + " agent &lt;AgentId|@user|me&gt; [PERIOD] [public]`: one agent's card",
      "• `" + COMMAND + " subscribe [#channel] [HH:MM] [weekly [mon|…|sun]] [group NAME] [csv]`: post the daily (or "
          + "weekly) digest to a channel",
      "• `" + COMMAND + " unsubscribe [#channel] [weekly] [group NAME]`, `" + COMMAND + " subscriptions`",
      "• `" + COMMAND + " digest now [#channel]`: post the digest now",
      "• `" + COMMAND + " groups`, `" + COMMAND + " group set|add|remove NAME [AgentId…]`: named groups; add `group NAME` to a report or card",
      "• `" + COMMAND + " links`, `" + COMMAND + " link @user AgentId`, `" + COMMAND + " unlink @user`: who is which agent",
      "• `" + COMMAND + " export [PERIOD] [group NAME]`: every agent's numbers as a CSV, sent to you in a direct message",
      "• `" + COMMAND + " alert [#channel] METRIC OP THRESHOLD [per agent] [group NAME]`: an alert during the day, "
          + "as in `alert #support unreplied &gt; 5`; `" + COMMAND + " alerts`, `" + COMMAND + " alert remove ID`",
      "• `" + COMMAND + " help`",
      "PERIOD: `yesterday`, `today`, `2026-11-24`, `2026-11-01..2026-11-07`, `last 7 days` or `7d`, "
          + "`this week`, `last week`; at most 31 days, none in the future.",
      "`public` posts the answer in the channel; otherwise only you see it. "
          + "Managing the digest, groups and links is for workspace admins and bot admins.");

  /** Usage help in the reader's language, mrkdwn. */
  public static String help(com.deskstats.text.Texts texts) {
    return USAGE;
  }

  /** The words after {@code group} that make it a change to the groups rather than a scoped report. */
  static final java.util.Set<String> GROUP_VERBS = java.util.Set.of("set", "add", "remove");

  private static final int MAX_TEXT = 500;
  private static final int MAX_ECHO = 40;
  static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
  static final Pattern CHANNEL = Pattern.compile("<#([CGD][A-Z0-9]+)(?:\\|[^>]*)?>");
  static final Pattern MAILTO = Pattern.compile("<mailto:([^|>]+)(?:\\|[^>]*)?>");
  // Desk AgentIds are e-mail addresses, whose local part may hold !#$%&'*+/=?^_`{|}~: one word, no markup.
  static final Pattern AGENT_ID = Pattern.compile("[^\\s<>]{1,256}");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
  /** A group's name (SPEC §9). */
  static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9-]{1,32}");
  // Unicode-aware, so a no-break space a chat client put between words still separates them.
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");

  private CommandParser() {}

  /** Parses a command's text relative to {@code today} (today in the Desk time zone). Never throws. */
  public static Command parse(String text, LocalDate today) {
    String t = text == null ? "" : text.strip();
    if (t.length() > MAX_TEXT) return new Command.Usage("That command is too long; a command fits on one short line.");
    List<String> words = new ArrayList<>(Arrays.asList(SPACES.split(t)));
    words.removeIf(String::isEmpty);
    if (words.isEmpty()) return report(words, today);
    String first = words.get(0).toLowerCase(Locale.ROOT);
    List<String> rest = words.subList(1, words.size());
    return switch (first) {
      case "help", "?", "usage" -> new Command.Help();
      case "agent" -> agent(rest, today);
      case "export" -> export(rest, today);
      case "subscribe" -> subscribe(rest);
      case "unsubscribe" -> {
        yield unsubscribe(rest);
      }
      case "subscriptions" -> rest.isEmpty() ? new Command.Subscriptions()
          : new Command.Usage("`subscriptions` takes nothing after it; it lists every digest subscription.");
      case "digest" -> digest(rest);
      case "group" -> !rest.isEmpty() && GROUP_VERBS.contains(rest.get(0).toLowerCase(Locale.ROOT))
          ? GroupGrammar.group(rest) : report(words, today);
      case "groups" -> rest.isEmpty() ? new Command.GroupList()
          : new Command.Usage("`groups` takes nothing after it; it lists every group and its agents.");
      case "link" -> GroupGrammar.link(rest);
      case "unlink" -> GroupGrammar.unlink(rest);
      case "links" -> rest.isEmpty() ? new Command.LinkList()
          : new Command.Usage("`links` takes nothing after it; it lists which Slack users are linked to which agents.");
      case "alert" -> AlertGrammar.alert(rest);
      case "alerts" -> rest.isEmpty() ? new Command.Alerts()
          : new Command.Usage("`alerts` takes nothing after it: it lists every alert rule, as in `"
          + COMMAND + " alerts`.");
      default -> report(words, today);
    };
  }

  /** {@code export [PERIOD] [group NAME]}: a report's grammar, without {@code public} (the file goes to a DM). */
  private static Command export(List<String> words, LocalDate today) {
    if (words.stream().anyMatch(w -> w.equalsIgnoreCase("public"))) {
      return new Command.Usage("The export goes to your direct messages with the bot; leave out `public`.");
    }
    Command c = report(words, today);
    return c instanceof Command.Report r ? new Command.Export(r.period(), r.group()) : c;
  }

  private static Command report(List<String> words, LocalDate today) {
    List<String> w = new ArrayList<>(words);
    GroupOption group = takeGroup(w);
    if (group.usage() != null) return group.usage();
    boolean isPublic = takePublic(w);
    for (String word : w) {
      if (CHANNEL.matcher(word).matches() || USER.matcher(word).matches()) {
        return new Command.Usage("A report takes a period and `public`, not " + (word.startsWith("<#") ? "a channel" : "a person")
            + "; for one person's numbers use `agent @someone`.");
      }
      Matcher mail = MAILTO.matcher(word);
      if (word.equalsIgnoreCase("me") || mail.matches() && AGENT_ID.matcher(mail.group(1)).matches()) {
        String who = mail.matches() ? Mrkdwn.escape(mail.group(1)) : "me";
        return new Command.Usage("A report takes a period and `public`; for one person's numbers use `agent " + who + "`.");
      }
    }
    PeriodParse p = PeriodParser.parse(unescape(String.join(" ", w)), today);
    if (p instanceof PeriodParse.Parsed ok) return new Command.Report(ok.period(), isPublic, group.name());
    return new Command.Usage(((PeriodParse.Invalid) p).sentence());
  }

  private static Command agent(List<String> words, LocalDate today) {
    List<String> w = new ArrayList<>(words);
    GroupOption group = takeGroup(w);
    if (group.usage() != null) return group.usage();
    boolean isPublic = takePublic(w);
    if (w.isEmpty()) return new Command.Usage("Name the agent: an AgentId, @someone or me, as in `agent me yesterday`.");
    String who = w.get(0);
    AgentRef ref;
    Matcher m;
    if (who.equalsIgnoreCase("me")) {
      ref = new AgentRef.Me();
    } else if ((m = USER.matcher(who)).matches()) {
      ref = new AgentRef.ByUser(m.group(1));
    } else if ((m = MAILTO.matcher(who)).matches() && AGENT_ID.matcher(m.group(1)).matches()) {
      ref = new AgentRef.ById(m.group(1));
    } else if (who.startsWith("@")) {
      return new Command.Usage("Pick the person from Slack's @-autocomplete so the command names them, as in `agent @someone`.");
    } else if (AGENT_ID.matcher(unescape(who)).matches()) {
      ref = new AgentRef.ById(unescape(who));
    } else {
      return new Command.Usage("'" + echo(who) + "' is not an AgentId; an AgentId is one word, like li.na@example.com.");
    }
    PeriodParse p = PeriodParser.parse(unescape(String.join(" ", w.subList(1, w.size()))), today);
    if (p instanceof PeriodParse.Parsed ok) return new Command.AgentLookup(ref, ok.period(), isPublic, group.name());
    return new Command.Usage(((PeriodParse.Invalid) p).sentence());
  }

  /** "mon" or "monday" (any case) as a day of the week. */
  private static Optional<java.time.DayOfWeek> weekday(String lower) {
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      String name = d.name().toLowerCase(Locale.ROOT);
      if (lower.equals(name) || lower.equals(name.substring(0, 3))) return Optional.of(d);
    }
    return Optional.empty();
  }

  private static Command unsubscribe(List<String> words) {
    List<String> w = new ArrayList<>(words);
    GroupOption group = takeGroup(w);
    if (group.usage() != null) return group.usage();
    boolean weekly = w.removeIf(x -> x.equalsIgnoreCase("weekly"));
    Target target = channelOnly(w, "unsubscribe");
    return target.usage() != null ? target.usage() : new Command.Unsubscribe(target.channel(), weekly, group.name());
  }

  private static Command subscribe(List<String> raw) {
    List<String> words = new ArrayList<>(raw);
    GroupOption group = takeGroup(words);
    if (group.usage() != null) return group.usage();
    Optional<String> channel = Optional.empty();
    Optional<LocalTime> time = Optional.empty();
    boolean weekly = false;
    java.time.DayOfWeek day = java.time.DayOfWeek.MONDAY;
    boolean dayGiven = false;
    boolean csv = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      Matcher c = CHANNEL.matcher(word);
      Matcher t = TIME.matcher(word);
      String lower = word.toLowerCase(Locale.ROOT);
      Optional<java.time.DayOfWeek> weekday = weekday(lower);
      if (lower.equals("weekly")) {
        if (weekly) return new Command.Usage("Say `weekly` once.");
        weekly = true;
      } else if (weekday.isPresent() && !dayGiven && i > 0 && words.get(i - 1).equalsIgnoreCase("weekly")) {
        day = weekday.get();
        dayGiven = true;
      } else if (weekday.isPresent()) {
        return new Command.Usage("Put the day right after `weekly`, as in `subscribe #support weekly fri 17:00`.");
      } else if (lower.equals("csv")) {
        if (csv) return new Command.Usage("Say `csv` once.");
        csv = true;
      } else if (c.matches()) {
        if (channel.isPresent()) return new Command.Usage("Subscribe one channel at a time.");
        channel = Optional.of(c.group(1));
      } else if (t.matches()) {
        if (time.isPresent()) return new Command.Usage("Give one time of day, like 09:30.");
        int h = Integer.parseInt(t.group(1));
        int min = Integer.parseInt(t.group(2));
        if (h > 23 || min > 59) return new Command.Usage(word + " is not a time of day: use HH:MM in 24-hour time, like 09:30 or 17:00.");
        time = Optional.of(LocalTime.of(h, min));
      } else {
        Command.Usage u = notAChannel(word, "subscribe");
        if (u != null) return u;
        return new Command.Usage("`subscribe` takes a #channel, a time like 09:30, `weekly` with a day (mon to sun), "
            + "`group NAME` and `csv`, not '" + echo(word) + "'.");
      }
    }
    return new Command.Subscribe(channel, time, new DigestOptions(weekly, day, group.name(), csv));
  }

  private static Command digest(List<String> words) {
    if (words.isEmpty() || !words.get(0).equalsIgnoreCase("now")) {
      return new Command.Usage("Did you mean `digest now [#channel]`? It posts yesterday's digest now.");
    }
    Target target = channelOnly(words.subList(1, words.size()), "digest now");
    return target.usage() != null ? target.usage() : new Command.DigestNow(target.channel());
  }

  /** At most one channel named by the words, or why not. */
  private record Target(Optional<String> channel, Command.Usage usage) {}

  private static Target channelOnly(List<String> words, String what) {
    if (words.isEmpty()) return new Target(Optional.empty(), null);
    if (words.size() > 1) return new Target(Optional.empty(), new Command.Usage("`" + what + "` takes at most one #channel."));
    Matcher c = CHANNEL.matcher(words.get(0));
    if (c.matches()) return new Target(Optional.of(c.group(1)), null);
    Command.Usage u = notAChannel(words.get(0), what);
    return new Target(Optional.empty(),
        u != null ? u : new Command.Usage("`" + what + "` takes a #channel, not '" + echo(words.get(0)) + "'."));
  }

  static Command.Usage notAChannel(String word, String what) {
    if (word.startsWith("#")) {
      return new Command.Usage("Pick the channel from Slack's #-autocomplete so the command names it, as in `" + what + " #support`.");
    }
    return null;
  }

  /** A {@code group NAME} option taken out of the words: the name (lower case), or why it cannot be read. */
  record GroupOption(Optional<String> name, Command.Usage usage) {}

  /**
   * Removes {@code group NAME} (anywhere) from the words. Names are {@code a-z}, {@code 0-9} and {@code -}, at most 32
   * characters (SPEC §9), read case-insensitively.
   */
  static GroupOption takeGroup(List<String> words) {
    int at = -1;
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase("group")) {
        if (at >= 0) return new GroupOption(Optional.empty(), new Command.Usage("Give one `group NAME`, not two."));
        at = i;
      }
    }
    if (at < 0) return new GroupOption(Optional.empty(), null);
    if (at == words.size() - 1) {
      return new GroupOption(Optional.empty(), new Command.Usage("Name the group after `group`, as in `group tier1`."));
    }
    String name = unescape(words.get(at + 1)).toLowerCase(Locale.ROOT);
    if (!GROUP_NAME.matcher(name).matches()) {
      return new GroupOption(Optional.empty(), new Command.Usage("'" + echo(words.get(at + 1))
          + "' is not a group name: use a-z, 0-9 and -, at most 32 characters, as in `group tier1`."));
    }
    words.remove(at + 1);
    words.remove(at);
    return new GroupOption(Optional.of(name), null);
  }

  /** Removes a standalone {@code public} (anywhere, usually last); true when there was one. */
  private static boolean takePublic(List<String> words) {
    return words.removeIf(w -> w.equalsIgnoreCase("public"));
  }

  /**
   * A short, inert copy of user text for a sentence that goes into mrkdwn: shown as typed (Slack sends a typed
   * "<" as "&amp;lt;"), without formatting marks, escaped.
   */
  static String echo(String text) {
    String e = unescape(text).replaceAll("[`*_~]", "").replaceAll("\\s+", " ").strip();
    return Mrkdwn.escape(Mrkdwn.truncate(e, MAX_ECHO));
  }

  /** Undoes Slack's escaping of typed text ({@code should_escape}): "&amp;lt;" is the "<" the user typed. */
  static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
