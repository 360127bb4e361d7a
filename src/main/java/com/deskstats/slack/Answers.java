package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.Scope;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the team report and the agent card every surface shows: commands, buttons and Home. */
final class Answers {
  private static final Logger log = LoggerFactory.getLogger(Answers.class);

  private final Reports reports;
  private final Groups groups;
  private final SlackUsers users;
  private final Clock clock;

  Answers(Reports reports, Groups groups, SlackUsers users, Clock clock) {
    this.reports = reports;
    this.groups = groups;
    this.users = users;
    this.clock = clock;
  }

  /** The named group's scope, or the whole team when no name is given. */
  sealed interface Scoped {
    record Found(Scope scope) implements Scoped {}

    record Unknown(Answer answer) implements Scoped {}
  }

  Scoped scope(Optional<String> group) {
    if (group.isEmpty()) return new Scoped.Found(Scope.TEAM);
    Optional<Scope> scope = groups.scope(group.get());
    if (scope.isPresent()) return new Scoped.Found(scope.get());
    List<String> names = groups.names();
    String known = names.isEmpty() ? "There are no groups yet; an admin makes one with `"
        + CommandParser.COMMAND + " group set NAME AgentId…`."
        : "The groups are " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + ".";
    return new Scoped.Unknown(Answer.of("There is no group `" + Mrkdwn.escape(group.get()) + "`. " + known, "usage"));
  }

  Reports reports() {
    return reports;
  }

  SlackUsers users() {
    return users;
  }

  ReportBlocks.Options options(boolean ephemeral, boolean buttons) {
    return new ReportBlocks.Options(reports.today(), ephemeral, buttons, clock.instant());
  }

  Answer report(Period period, boolean ephemeral) {
    return report(period, Optional.empty(), ephemeral);
  }

  Answer report(Period period, Optional<String> group, boolean ephemeral) {
    Scoped scoped = scope(group);
    if (scoped instanceof Scoped.Unknown u) return u.answer();
    try {
      Report r = reports.report(period, ((Scoped.Found) scoped).scope());
      return new Answer(ReportBlocks.report(r, options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      return deskFailed(e);
    }
  }

  Answer card(MethodsClient client, String askingUser, Command.AgentRef ref, Period period, boolean ephemeral) {
    return card(client, askingUser, ref, period, Optional.empty(), ephemeral);
  }

  Answer card(MethodsClient client, String askingUser, Command.AgentRef ref, Period period, Optional<String> group,
      boolean ephemeral) {
    Scoped scoped = scope(group);
    if (scoped instanceof Scoped.Unknown u) return u.answer();
    Scope scope = ((Scoped.Found) scoped).scope();
    String agentId;
    String describe;
    if (ref instanceof Command.AgentRef.ById id) {
      agentId = id.agentId();
      describe = "";
    } else {
      boolean me = ref instanceof Command.AgentRef.Me;
      String userId = me ? askingUser : ((Command.AgentRef.ByUser) ref).userId();
      SlackUsers.Email e = users.email(client, userId, userId.equals(askingUser));
      if (e instanceof SlackUsers.Email.Missing m) return Answer.of(m.sentence(), m.outcome());
      agentId = ((SlackUsers.Email.Found) e).email();
      describe = me ? " (your Slack e-mail)" : " (the e-mail of <@" + userId + ">)";
    }
    try {
      Optional<AgentCard> card = reports.card(period, scope, agentId);
      if (card.isEmpty()) {
        return Answer.of("No Desk agent with AgentId " + Mrkdwn.code(agentId, 256) + describe
            + " was active in " + period.label()
            + scope.group().map(g -> " in group `" + Mrkdwn.escape(g) + "`").orElse("") + ".", "not_found");
      }
      return new Answer(ReportBlocks.card(card.get(), options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      return deskFailed(e);
    }
  }

  static Answer deskFailed(DeskException e) {
    log.warn("Desk failed: {} ({})", e.kind(), e.code());
    return new Answer(ReportBlocks.notice(e.userMessage()), "desk_error");
  }
}
