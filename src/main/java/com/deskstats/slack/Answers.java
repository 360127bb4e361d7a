package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.stats.Scope;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.util.ArrayList;
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
    String how;
    if (ref instanceof Command.AgentRef.ById id) {
      agentId = id.agentId();
      how = null;
    } else {
      boolean me = ref instanceof Command.AgentRef.Me;
      String userId = me ? askingUser : ((Command.AgentRef.ByUser) ref).userId();
      SlackUsers.Agent found = users.agent(client, userId, userId.equals(askingUser));
      if (found instanceof SlackUsers.Email.Missing m) return Answer.of(m.sentence(), m.outcome());
      agentId = ((SlackUsers.Agent.Found) found).agentId();
      how = ((SlackUsers.Agent.Found) found).how();
    }
    try {
      Optional<AgentCard> card = reports.card(period, scope, agentId);
      if (card.isEmpty()) {
        return Answer.of("No Desk agent with AgentId " + Mrkdwn.code(agentId, 256) + (how == null ? "" : " (" + how + ")")
            + " was active in " + period.label()
            + scope.group().map(g -> " in group `" + Mrkdwn.escape(g) + "`").orElse("") + ".", "not_found");
      }
      ReportBlocks.Message m = ReportBlocks.card(card.get(), options(ephemeral, true));
      return new Answer(how == null ? m : found(m, how), "ok");
    } catch (DeskException e) {
      return deskFailed(e);
    }
  }

  /** The card with a context line saying how its agent was found, above the buttons. */
  static ReportBlocks.Message found(ReportBlocks.Message card, String how) {
    List<LayoutBlock> blocks = new ArrayList<>(card.blocks());
    int at = blocks.size();
    while (at > 0 && "actions".equals(blocks.get(at - 1).getType())) at--;
    blocks.add(at, context(List.of(markdownText("AgentId " + how + "."))));
    return new ReportBlocks.Message(card.text(), blocks);
  }

  static Answer deskFailed(DeskException e) {
    log.warn("Desk failed: {} ({})", e.kind(), e.code());
    return new Answer(ReportBlocks.notice(e.userMessage()), "desk_error");
  }
}
