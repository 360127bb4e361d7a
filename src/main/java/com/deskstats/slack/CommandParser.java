package com.deskstats.slack;

import com.deskstats.slack.Command.AgentRef;
import com.deskstats.stats.PeriodParse;
import com.deskstats.stats.PeriodParser;
import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.time.LocalDate;
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

  /** The help's lines, one bundle key each, in order. */
  private static final List<String> HELP = List.of("title", "report", "agent", "subscribe", "unsubscribe", "digest",
      "groups", "links", "export", "alert", "help", "period", "public", "lang");

  /** Usage help in English, mrkdwn. */
  public static final String USAGE = help(Texts.of(Language.EN));

  /** Usage help in the reader's language, mrkdwn. */
  public static String help(Texts texts) {
    StringBuilder s = new StringBuilder();
    for (String line : HELP) {
      if (s.length() > 0) s.append('\n');
      s.append(texts.get("grammar.help." + line, COMMAND));
    }
    return s.toString();
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
  /** A group's name (SPEC §9). */
  static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9-]{1,32}");
  // Unicode-aware, so a no-break space a chat client put between words still separates them.
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");

  private CommandParser() {}

  /** Parses a command's text relative to {@code today} (today in the Desk time zone). Never throws. */
  public static Command parse(String text, LocalDate today) {
    String t = text == null ? "" : text.strip();
    if (t.length() > MAX_TEXT) return usage("grammar.too_long");
    List<String> words = new ArrayList<>(Arrays.asList(SPACES.split(t)));
    words.removeIf(String::isEmpty);
    if (words.isEmpty()) return report(words, today);
    String first = words.get(0).toLowerCase(Locale.ROOT);
    List<String> rest = words.subList(1, words.size());
    return switch (first) {
      case "help", "?", "usage" -> new Command.Help();
      case "agent" -> agent(rest, today);
      case "export" -> export(rest, today);
      case "subscribe" -> DigestGrammar.subscribe(rest);
      case "unsubscribe" -> DigestGrammar.unsubscribe(rest);
      case "subscriptions" -> rest.isEmpty() ? new Command.Subscriptions() : usage("grammar.subscriptions.alone");
      case "digest" -> DigestGrammar.digest(rest);
      case "group" -> !rest.isEmpty() && GROUP_VERBS.contains(rest.get(0).toLowerCase(Locale.ROOT))
          ? GroupGrammar.group(rest) : report(words, today);
      case "groups" -> rest.isEmpty() ? new Command.GroupList() : usage("grammar.groups.alone");
      case "link" -> GroupGrammar.link(rest);
      case "unlink" -> GroupGrammar.unlink(rest);
      case "links" -> rest.isEmpty() ? new Command.LinkList() : usage("grammar.links.alone");
      case "alert" -> AlertGrammar.alert(rest);
      case "alerts" -> rest.isEmpty() ? new Command.Alerts() : usage("grammar.alerts.alone", COMMAND);
      default -> report(words, today);
    };
  }

  /** {@code export [PERIOD] [group NAME]}: a report's grammar, without {@code public} (the file goes to a DM). */
  private static Command export(List<String> words, LocalDate today) {
    if (words.stream().anyMatch(w -> w.equalsIgnoreCase("public"))) {
      return usage("grammar.export.public");
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
        return usage(word.startsWith("<#") ? "grammar.report.channel" : "grammar.report.person");
      }
      Matcher mail = MAILTO.matcher(word);
      if (word.equalsIgnoreCase("me") || mail.matches() && AGENT_ID.matcher(mail.group(1)).matches()) {
        String who = mail.matches() ? Mrkdwn.escape(mail.group(1)) : "me";
        return usage("grammar.report.me", who);
      }
    }
    PeriodParse p = PeriodParser.parse(unescape(String.join(" ", w)), today);
    if (p instanceof PeriodParse.Parsed ok) return new Command.Report(ok.period(), isPublic, group.name());
    return new Command.Usage(((PeriodParse.Invalid) p).text());
  }

  private static Command agent(List<String> words, LocalDate today) {
    List<String> w = new ArrayList<>(words);
    GroupOption group = takeGroup(w);
    if (group.usage() != null) return group.usage();
    boolean isPublic = takePublic(w);
    if (w.isEmpty()) return usage("grammar.agent.missing");
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
      return usage("grammar.agent.autocomplete");
    } else if (AGENT_ID.matcher(unescape(who)).matches()) {
      ref = new AgentRef.ById(unescape(who));
    } else {
      return notAnAgentId(who);
    }
    PeriodParse p = PeriodParser.parse(unescape(String.join(" ", w.subList(1, w.size()))), today);
    if (p instanceof PeriodParse.Parsed ok) return new Command.AgentLookup(ref, ok.period(), isPublic, group.name());
    return new Command.Usage(((PeriodParse.Invalid) p).text());
  }

  static Command.Usage notAChannel(String word, String what) {
    if (word.startsWith("#")) {
      return usage("grammar.channel.autocomplete", what);
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
    int at = keywordAt(words, "group");
    if (at == TWICE) return new GroupOption(Optional.empty(), usage("grammar.group.twice"));
    if (at < 0) return new GroupOption(Optional.empty(), null);
    if (at == words.size() - 1) return new GroupOption(Optional.empty(), usage("grammar.group.missing"));
    String name = unescape(words.get(at + 1)).toLowerCase(Locale.ROOT);
    if (!GROUP_NAME.matcher(name).matches()) {
      return new GroupOption(Optional.empty(), usage("grammar.group.bad_name", echo(words.get(at + 1))));
    }
    words.subList(at, at + 2).clear();
    return new GroupOption(Optional.of(name), null);
  }

  /** A {@code lang en|zh} option taken out of the words: the language, or why it cannot be read. */
  record LangOption(Optional<Language> lang, Command.Usage usage) {}

  /** Removes {@code lang en|zh} (anywhere) from the words: the language of a subscription's or a rule's posts. */
  static LangOption takeLang(List<String> words) {
    int at = keywordAt(words, "lang");
    if (at == TWICE) return new LangOption(Optional.empty(), usage("grammar.lang.twice"));
    if (at < 0) return new LangOption(Optional.empty(), null);
    if (at == words.size() - 1) return new LangOption(Optional.empty(), usage("grammar.lang.missing"));
    Optional<Language> lang = Language.parse(unescape(words.get(at + 1)));
    if (lang.isEmpty()) return new LangOption(Optional.empty(), usage("grammar.lang.unknown", echo(words.get(at + 1))));
    words.subList(at, at + 2).clear();
    return new LangOption(lang, null);
  }

  /** {@link #keywordAt} when the keyword is there more than once. */
  private static final int TWICE = -2;

  /** Where an option's keyword (any case) is in the words: its index, -1 when absent, {@link #TWICE}. */
  private static int keywordAt(List<String> words, String keyword) {
    int at = -1;
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase(keyword)) {
        if (at >= 0) return TWICE;
        at = i;
      }
    }
    return at;
  }

  /** A word that should have been an AgentId, refused. */
  static Command.Usage notAnAgentId(String word) {
    return usage("grammar.agent.not_an_id", echo(word));
  }

  /** The refusal under {@code key}; every argument that echoes user text is already {@link #echo}ed. */
  static Command.Usage usage(String key, Object... args) {
    return new Command.Usage(Text.of(key, args));
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
