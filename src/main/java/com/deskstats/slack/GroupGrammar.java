package com.deskstats.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Reads {@code group set|add|remove}, {@code link} and {@code unlink} (SPEC §9) for {@link CommandParser}. Pure. */
final class GroupGrammar {
  private GroupGrammar() {}

  /** At most this many AgentIds in one command. */
  static final int MAX_IDS = 100;

  /** {@code words} start with set, add or remove. */
  static Command group(List<String> words) {
    String verb = words.get(0).toLowerCase(Locale.ROOT);
    if (words.size() < 2) {
      return verb.equals("remove") ? usage("grammar.group.remove_missing") : usage("grammar.group.name_missing", verb);
    }
    String raw = words.get(1);
    String name = CommandParser.unescape(raw).toLowerCase(Locale.ROOT);
    if (!CommandParser.GROUP_NAME.matcher(name).matches() || CommandParser.GROUP_VERBS.contains(name)) {
      return usage("grammar.group.bad_group_name", CommandParser.echo(raw), verb);
    }
    List<String> ids = new ArrayList<>();
    for (String word : words.subList(2, words.size())) {
      String id = agentId(word);
      if (id == null) return notAnAgentId(word);
      ids.add(id);
    }
    if (ids.size() > MAX_IDS) return usage("grammar.group.too_many_ids", String.valueOf(MAX_IDS));
    return switch (verb) {
      case "set" -> ids.isEmpty()
          ? usage("grammar.group.set_ids", name)
          : new Command.GroupSet(name, ids);
      case "add" -> ids.isEmpty()
          ? usage("grammar.group.add_ids", name)
          : new Command.GroupAdd(name, ids);
      default -> new Command.GroupRemove(name, ids);
    };
  }

  static Command link(List<String> words) {
    if (words.size() != 2) {
      return usage("grammar.link.arguments");
    }
    Matcher user = CommandParser.USER.matcher(words.get(0));
    if (!user.matches()) return notAPerson(words.get(0), "link");
    String id = agentId(words.get(1));
    if (id == null) return notAnAgentId(words.get(1));
    return new Command.Link(user.group(1), id);
  }

  static Command unlink(List<String> words) {
    if (words.size() != 1) return usage("grammar.unlink.arguments");
    Matcher user = CommandParser.USER.matcher(words.get(0));
    if (!user.matches()) return notAPerson(words.get(0), "unlink");
    return new Command.Unlink(user.group(1));
  }

  /** The AgentId a word names (as typed, or inside Slack's mailto link), or null. */
  private static String agentId(String word) {
    Matcher mail = CommandParser.MAILTO.matcher(word);
    String id = mail.matches() ? mail.group(1) : CommandParser.unescape(word);
    if (word.startsWith("<") && !mail.matches()) return null;
    return CommandParser.AGENT_ID.matcher(id).matches() ? id : null;
  }

  private static Command.Usage notAnAgentId(String word) {
    if (CommandParser.USER.matcher(word).matches()) {
      return usage("grammar.group.not_users");
    }
    return CommandParser.notAnAgentId(word);
  }

  private static Command.Usage usage(String key, Object... args) {
    return CommandParser.usage(key, args);
  }

  private static Command.Usage notAPerson(String word, String what) {
    return usage(what.equals("link") ? "grammar.link.not_a_person" : "grammar.unlink.not_a_person",
        CommandParser.echo(word));
  }
}
