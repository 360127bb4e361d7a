package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.Period;
import com.deskstats.stats.Scope;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
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

  static final String REFUSED = Texts.of(Language.EN).get("answers.roster.refused");

  private interface Change {
    String apply(String user, Texts t);
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
      return commands.later(command, requestId, ctx,
          lang -> new Commands.Reply(Answer.of(listGroups(Texts.of(lang)), "ok"), false));
    }
    if (command instanceof Command.LinkList) {
      return commands.later(command, requestId, ctx,
          lang -> new Commands.Reply(Answer.of(listLinks(Texts.of(lang)), "ok"), false));
    }
    Change change;
    if (command instanceof Command.GroupSet s) change = (by, t) -> set(s, by, t);
    else if (command instanceof Command.GroupAdd a) change = (by, t) -> add(a, by, t);
    else if (command instanceof Command.GroupRemove r) change = (by, t) -> remove(r, by, t);
    else if (command instanceof Command.Link l) change = (by, t) -> link(l, by, t);
    else change = (by, t) -> unlink((Command.Unlink) command, by, t);
    return commands.later(command, requestId, ctx, lang -> {
      Texts t = Texts.of(lang);
      SlackUsers.Permission permission = users.mayManage(client, user);
      if (permission == SlackUsers.Permission.UNKNOWN) {
        return new Commands.Reply(Answer.of(t.get("answers.roster.unknown"), "slack_error"), false);
      }
      if (permission != SlackUsers.Permission.ALLOWED) {
        return new Commands.Reply(Answer.of(t.get("answers.roster.refused"), "refused"), false);
      }
      return new Commands.Reply(Answer.of(change.apply(user, t), "ok"), false);
    });
  }

  private String set(Command.GroupSet s, String by, Texts t) {
    boolean created = groups.set(s.group(), s.agentIds(), by);
    List<String> now = groups.members(s.group()).orElse(List.of());
    log.info("group {} {} by={} agents={}", s.group(), created ? "created" : "replaced", by, now.size());
    return t.get(created ? "answers.group.made" : "answers.group.replaced", code(s.group()), agents(now, t));
  }

  private String add(Command.GroupAdd a, String by, Texts t) {
    if (!groups.add(a.group(), a.agentIds(), by)) return noGroup(a.group(), true, t);
    List<String> now = groups.members(a.group()).orElse(List.of());
    log.info("group {} added by={} agents={} now={}", a.group(), by, a.agentIds().size(), now.size());
    return t.get("answers.group.added", code(a.group()), agents(now, t));
  }

  private String remove(Command.GroupRemove r, String by, Texts t) {
    if (r.agentIds().isEmpty()) {
      if (!groups.delete(r.group())) return noGroup(r.group(), false, t);
      log.info("group {} deleted by={}", r.group(), by);
      return t.get("answers.group.deleted", code(r.group()));
    }
    if (!groups.removeMembers(r.group(), r.agentIds(), by)) return noGroup(r.group(), false, t);
    List<String> now = groups.members(r.group()).orElse(List.of());
    log.info("group {} removed by={} agents={} now={}", r.group(), by, r.agentIds().size(), now.size());
    return t.get("answers.group.removed", code(r.group()), agents(now, t));
  }

  private String noGroup(String name, boolean suggestSet, Texts t) {
    List<String> names = groups.names();
    String listed = Answers.list(t, names.stream().map(GroupCommands::code).toList());
    if (suggestSet) {
      return names.isEmpty() ? t.get("answers.group.none_make", code(name), name)
          : t.get("answers.group.none_make_listed", code(name), name, listed);
    }
    return names.isEmpty() ? t.get("answers.group.none", code(name)) : t.get("answers.group.none_listed", code(name), listed);
  }

  private String link(Command.Link l, String by, Texts t) {
    Optional<String> before = links.link(l.userId(), l.agentId(), by);
    log.info("link user={} set by={}{}", l.userId(), by, before.isPresent() ? " (replaced)" : "");
    String agent = Mrkdwn.code(l.agentId(), 256);
    return before.map(b -> t.get("answers.link.replaced", l.userId(), agent, Mrkdwn.code(b, 256)))
        .orElseGet(() -> t.get("answers.link.done", l.userId(), agent));
  }

  private String unlink(Command.Unlink u, String by, Texts t) {
    if (!links.unlink(u.userId())) return t.get("answers.unlink.none", u.userId());
    log.info("link user={} removed by={}", u.userId(), by);
    return t.get("answers.unlink.done", u.userId());
  }

  /** Every group with its AgentIds, marking those without activity in the last 30 days. */
  private String listGroups(Texts t) {
    Map<String, List<String>> all = groups.all();
    if (all.isEmpty()) return t.get("answers.groups.empty");
    String days = String.valueOf(SEEN_DAYS);
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
        note = "\n" + t.get("answers.groups.unchecked", days, Mrkdwn.escape(e.userMessage(t.language())));
      }
    }
    StringBuilder s = new StringBuilder(t.get("answers.groups.title"));
    for (Map.Entry<String, List<String>> g : all.entrySet()) {
      Set<String> active = seen;
      String members = g.getValue().isEmpty() ? t.get("answers.group.no_agents") : Answers.list(t, g.getValue().stream()
          .map(id -> active != null && !active.contains(key(id)) ? t.get("answers.groups.not_seen", Mrkdwn.escape(id), days)
              : Mrkdwn.escape(id))
          .toList());
      s.append("\n").append(t.get("answers.groups.item", code(g.getKey()), members));
    }
    return s.append(note).toString();
  }

  private String listLinks(Texts t) {
    List<LinkStore.Link> all = links.list();
    if (all.isEmpty()) return t.get("answers.links.empty");
    return t.get("answers.links.title") + all.stream().map(l -> "\n" + t.get("answers.links.item", l.userId(),
        Mrkdwn.code(l.agentId(), 256), l.linkedBy())).collect(Collectors.joining());
  }

  /** "2 agents: a, b" or "no agents". */
  private static String agents(List<String> ids, Texts t) {
    if (ids.isEmpty()) return t.get("answers.group.no_agents");
    return t.get("answers.group.agents", ids.size(), String.valueOf(ids.size()),
        Answers.list(t, ids.stream().map(Mrkdwn::escape).toList()));
  }

  private static String code(String groupName) {
    return "`" + Mrkdwn.escape(groupName) + "`";
  }

  private static String key(String agentId) {
    return agentId == null ? "" : agentId.strip().toLowerCase(Locale.ROOT);
  }
}
