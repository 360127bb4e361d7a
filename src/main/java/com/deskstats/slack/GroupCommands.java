package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.Period;
import com.deskstats.stats.Scope;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code group set|add|remove}, {@code groups}, {@code link}, {@code unlink} and {@code links} (SPEC §9): admins change,
 * anyone lists. Every change is one INFO line with the admin's Slack user id.
 */
final class GroupCommands {
  private static final Logger log = LoggerFactory.getLogger(GroupCommands.class);

  /** How far back {@code groups} looks for activity when it marks AgentIds as not seen. */
  static final int SEEN_DAYS = 30;

  static final String REFUSED = "Only workspace admins and owners, and the bot admins named in BOT_ADMINS, may change "
      + "groups and links; ask one of them.";

  private interface Change {
    String apply(String user);
  }

  private final Answers answers;
  private final SlackUsers users;
  private final GroupStore groups;
  private final LinkStore links;

  GroupCommands(Answers answers, SlackUsers users, GroupStore groups, LinkStore links) {
    this.answers = answers;
    this.users = users;
    this.groups = groups;
    this.links = links;
  }

  Response handle(Command.Roster command, SlashCommandPayload p, Commands commands, String requestId,
      SlashCommandContext ctx) {
    String user = p.getUserId();
    MethodsClient client = ctx.client();
    if (command instanceof Command.GroupList) {
      return commands.later(command, requestId, ctx, () -> new Commands.Reply(Answer.of(listGroups(), "ok"), false));
    }
    if (command instanceof Command.LinkList) {
      return commands.later(command, requestId, ctx, () -> new Commands.Reply(Answer.of(listLinks(), "ok"), false));
    }
    Change change;
    if (command instanceof Command.GroupSet s) change = by -> set(s, by);
    else if (command instanceof Command.GroupAdd a) change = by -> add(a, by);
    else if (command instanceof Command.GroupRemove r) change = by -> remove(r, by);
    else if (command instanceof Command.Link l) change = by -> link(l, by);
    else change = by -> unlink((Command.Unlink) command, by);
    return commands.later(command, requestId, ctx, () -> {
      SlackUsers.Permission permission = users.mayManage(client, user);
      if (permission == SlackUsers.Permission.UNKNOWN) {
        return new Commands.Reply(Answer.of("Slack would not tell me whether you may change groups and links; "
            + "please try again in a minute.", "slack_error"), false);
      }
      if (permission != SlackUsers.Permission.ALLOWED) return new Commands.Reply(Answer.of(REFUSED, "refused"), false);
      return new Commands.Reply(Answer.of(change.apply(user), "ok"), false);
    });
  }

  private String set(Command.GroupSet s, String by) {
    boolean created = groups.set(s.group(), s.agentIds(), by);
    List<String> now = groups.members(s.group()).orElse(List.of());
    log.info("group {} {} by={} agents={}", s.group(), created ? "created" : "replaced", by, now.size());
    return (created ? "Made group " : "Group ") + code(s.group()) + (created ? " with " : " now has ") + agents(now) + ".";
  }

  private String add(Command.GroupAdd a, String by) {
    if (!groups.add(a.group(), a.agentIds(), by)) return noGroup(a.group(), true);
    List<String> now = groups.members(a.group()).orElse(List.of());
    log.info("group {} added by={} agents={} now={}", a.group(), by, a.agentIds().size(), now.size());
    return "Added to group " + code(a.group()) + "; it now has " + agents(now) + ".";
  }

  private String remove(Command.GroupRemove r, String by) {
    if (r.agentIds().isEmpty()) {
      if (!groups.delete(r.group())) return noGroup(r.group(), false);
      log.info("group {} deleted by={}", r.group(), by);
      return "Removed group " + code(r.group()) + ".";
    }
    if (!groups.removeMembers(r.group(), r.agentIds(), by)) return noGroup(r.group(), false);
    List<String> now = groups.members(r.group()).orElse(List.of());
    log.info("group {} removed by={} agents={} now={}", r.group(), by, r.agentIds().size(), now.size());
    return "Removed from group " + code(r.group()) + "; it now has " + agents(now) + ".";
  }

  private String noGroup(String name, boolean suggestSet) {
    List<String> names = groups.names();
    return "There is no group " + code(name) + (suggestSet ? "; make it with `" + CommandParser.COMMAND + " group set "
        + name + " AgentId…`" : "") + (names.isEmpty() ? "." : "; the groups are "
        + names.stream().map(GroupCommands::code).collect(Collectors.joining(", ")) + ".");
  }

  private String link(Command.Link l, String by) {
    Optional<String> before = links.link(l.userId(), l.agentId(), by);
    log.info("link user={} set by={}{}", l.userId(), by, before.isPresent() ? " (replaced)" : "");
    return "Linked <@" + l.userId() + "> to " + Mrkdwn.code(l.agentId(), 256)
        + before.map(b -> " (was " + Mrkdwn.code(b, 256) + ")").orElse("") + "; `me` and @-mentions now use it.";
  }

  private String unlink(Command.Unlink u, String by) {
    if (!links.unlink(u.userId())) return "<@" + u.userId() + "> has no link.";
    log.info("link user={} removed by={}", u.userId(), by);
    return "Unlinked <@" + u.userId() + ">; their Slack e-mail is used again.";
  }

  /** Every group with its AgentIds, marking those without activity in the last 30 days. */
  private String listGroups() {
    Map<String, List<String>> all = groups.all();
    if (all.isEmpty()) {
      return "There are no groups yet; an admin makes one with `" + CommandParser.COMMAND + " group set NAME AgentId…`.";
    }
    String note = "";
    Set<String> seen = null;
    if (all.values().stream().anyMatch(m -> !m.isEmpty())) {
      LocalDate today = answers.reports().today();
      Period last = new Period(today.minusDays(SEEN_DAYS), today.minusDays(1));
      try {
        seen = answers.reports().report(last, Scope.TEAM).agents().stream()
            .map(a -> key(a.agentId())).collect(Collectors.toSet());
      } catch (DeskException e) {
        log.warn("Desk failed while listing the groups: {} ({})", e.kind(), e.code());
        note = "\n_I could not check who was active in the last " + SEEN_DAYS + " days: " + Mrkdwn.escape(e.userMessage()) + "_";
      }
    }
    StringBuilder s = new StringBuilder("*Groups*");
    for (Map.Entry<String, List<String>> g : all.entrySet()) {
      s.append("\n• ").append(code(g.getKey())).append(": ");
      if (g.getValue().isEmpty()) {
        s.append("no agents");
        continue;
      }
      Set<String> active = seen;
      s.append(g.getValue().stream()
          .map(id -> Mrkdwn.escape(id) + (active != null && !active.contains(key(id)) ? " _(not seen in the last "
              + SEEN_DAYS + " days)_" : ""))
          .collect(Collectors.joining(", ")));
    }
    return s.append(note).toString();
  }

  private String listLinks() {
    List<LinkStore.Link> all = links.list();
    if (all.isEmpty()) {
      return "There are no links yet; an admin adds one with `" + CommandParser.COMMAND + " link @someone AgentId`.";
    }
    return "*Links*" + all.stream().map(l -> "\n• <@" + l.userId() + "> → " + Mrkdwn.code(l.agentId(), 256)
        + " _(by <@" + l.linkedBy() + ">)_").collect(Collectors.joining());
  }

  private static String agents(List<String> ids) {
    if (ids.isEmpty()) return "no agents";
    return ids.size() + (ids.size() == 1 ? " agent: " : " agents: ")
        + ids.stream().map(Mrkdwn::escape).collect(Collectors.joining(", "));
  }

  private static String code(String groupName) {
    return "`" + Mrkdwn.escape(groupName) + "`";
  }

  private static String key(String agentId) {
    return agentId == null ? "" : agentId.strip().toLowerCase(Locale.ROOT);
  }
}
