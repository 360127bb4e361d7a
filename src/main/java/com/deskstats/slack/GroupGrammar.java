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
      return new Command.Usage("Name the group, as in `group " + verb + " tier1" + (verb.equals("remove") ? "" : " li.na@example.com") + "`.");
    }
    String raw = words.get(1);
    String name = CommandParser.unescape(raw).toLowerCase(Locale.ROOT);
    if (!CommandParser.GROUP_NAME.matcher(name).matches() || CommandParser.GROUP_VERBS.contains(name)) {
      return new Command.Usage("'" + CommandParser.echo(raw) + "' is not a group name: use a-z, 0-9 and -, at most 32 "
          + "characters (not set, add or remove), as in `group " + verb + " tier1`.");
    }
    List<String> ids = new ArrayList<>();
    for (String word : words.subList(2, words.size())) {
      String id = agentId(word);
      if (id == null) return notAnAgentId(word);
      ids.add(id);
    }
    if (ids.size() > MAX_IDS) return new Command.Usage("Give at most " + MAX_IDS + " AgentIds at a time.");
    return switch (verb) {
      case "set" -> ids.isEmpty()
          ? new Command.Usage("Give the group's AgentIds, as in `group set " + name + " li.na@example.com wang.wei@example.com`.")
          : new Command.GroupSet(name, ids);
      case "add" -> ids.isEmpty()
          ? new Command.Usage("Give the AgentIds to add, as in `group add " + name + " li.na@example.com`.")
          : new Command.GroupAdd(name, ids);
      default -> new Command.GroupRemove(name, ids);
    };
  }

  static Command link(List<String> words) {
    if (words.size() != 2) {
      return new Command.Usage("Give one person and one AgentId, as in `link @someone li.na@example.com`.");
    }
    Matcher user = CommandParser.USER.matcher(words.get(0));
    if (!user.matches()) return notAPerson(words.get(0), "link");
    String id = agentId(words.get(1));
    if (id == null) return notAnAgentId(words.get(1));
    return new Command.Link(user.group(1), id);
  }

  static Command unlink(List<String> words) {
    if (words.size() != 1) return new Command.Usage("Give one person, as in `unlink @someone`.");
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
      return new Command.Usage("Groups hold AgentIds, not Slack users; to tie a person to an agent use `link @someone AgentId`.");
    }
    return new Command.Usage("'" + CommandParser.echo(word) + "' is not an AgentId; an AgentId is one word, like li.na@example.com.");
  }

  private static Command.Usage notAPerson(String word, String what) {
    return new Command.Usage("Pick the person from Slack's @-autocomplete so the command names them, as in `" + what
        + " @someone" + (what.equals("link") ? " li.na@example.com" : "") + "`; '" + CommandParser.echo(word)
        + "' is not a person.");
  }
}
