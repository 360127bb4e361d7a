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
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  Scoped scope(Optional<String> group, Language lang) {
    if (group.isEmpty()) return new Scoped.Found(Scope.TEAM);
    Optional<Scope> scope = groups.scope(group.get());
    if (scope.isPresent()) return new Scoped.Found(scope.get());
    List<String> names = groups.names();
    Texts t = Texts.of(lang);
    String name = Mrkdwn.escape(group.get());
    String sentence = names.isEmpty() ? t.get("answers.group.unknown_none", name)
        : t.get("answers.group.unknown_listed", name, list(t, names.stream().map(n -> "`" + n + "`").toList()));
    return new Scoped.Unknown(Answer.of(sentence, "usage"));
  }

  /** Items as a list in the reader's language: "a, b, c" or "a、b、c". */
  static String list(Texts t, List<String> items) {
    // The pattern joins two items; with empty items it is the separator itself, so long lists join in one pass.
    return String.join(t.get("answers.list", "", ""), items);
  }

  Reports reports() {
    return reports;
  }

  SlackUsers users() {
    return users;
  }

  ReportBlocks.Options options(boolean ephemeral, boolean buttons, Language lang) {
    return new ReportBlocks.Options(reports.today(), ephemeral, buttons, clock.instant(), lang);
  }

  Answer report(Period period, boolean ephemeral, Language lang) {
    return report(period, Optional.empty(), ephemeral, lang);
  }

  Answer report(Period period, Optional<String> group, boolean ephemeral, Language lang) {
    Scoped scoped = scope(group, lang);
    if (scoped instanceof Scoped.Unknown u) return u.answer();
    try {
      Report r = reports.report(period, ((Scoped.Found) scoped).scope());
      return new Answer(ReportBlocks.report(r, options(ephemeral, true, lang)), "ok");
    } catch (DeskException e) {
      return deskFailed(e, lang);
    }
  }

  Answer card(MethodsClient client, String askingUser, Command.AgentRef ref, Period period, Optional<String> group,
      boolean ephemeral, Language lang) {
    Scoped scoped = scope(group, lang);
    if (scoped instanceof Scoped.Unknown u) return u.answer();
    Scope scope = ((Scoped.Found) scoped).scope();
    Texts t = Texts.of(lang);
    String agentId;
    String how;
    if (ref instanceof Command.AgentRef.ById id) {
      agentId = id.agentId();
      how = null;
    } else {
      boolean me = ref instanceof Command.AgentRef.Me;
      String userId = me ? askingUser : ((Command.AgentRef.ByUser) ref).userId();
      SlackUsers.Agent found = users.agent(client, userId, userId.equals(askingUser));
      if (found instanceof SlackUsers.Email.Missing m) return Answer.of(t.render(m.sentence()), m.outcome());
      agentId = ((SlackUsers.Agent.Found) found).agentId();
      how = t.render(((SlackUsers.Agent.Found) found).how());
    }
    try {
      Optional<AgentCard> card = reports.card(period, scope, agentId);
      if (card.isEmpty()) return Answer.of(notFound(t, agentId, how, period, scope), "not_found");
      ReportBlocks.Message m = ReportBlocks.card(card.get(), options(ephemeral, true, lang));
      return new Answer(how == null ? m : found(m, how, t), "ok");
    } catch (DeskException e) {
      return deskFailed(e, lang);
    }
  }

  private static String notFound(Texts t, String agentId, String how, Period period, Scope scope) {
    String id = Mrkdwn.code(agentId, 256);
    String when = period.label(t.language());
    Optional<String> group = scope.group().map(Mrkdwn::escape);
    if (how == null) {
      return group.isEmpty() ? t.get("answers.card.not_found", id, when)
          : t.get("answers.card.not_found_group", id, when, group.get());
    }
    return group.isEmpty() ? t.get("answers.card.not_found_how", id, how, when)
        : t.get("answers.card.not_found_how_group", id, how, when, group.get());
  }

  /** The card with a context line saying how its agent was found ({@code how}, in the reader's language), above the buttons. */
  static ReportBlocks.Message found(ReportBlocks.Message card, String how, Texts t) {
    List<LayoutBlock> blocks = new ArrayList<>(card.blocks());
    int at = blocks.size();
    while (at > 0 && "actions".equals(blocks.get(at - 1).getType())) at--;
    blocks.add(at, context(List.of(markdownText(t.get("answers.card.found", how)))));
    return new ReportBlocks.Message(card.text(), blocks);
  }

  static Answer deskFailed(DeskException e, Language lang) {
    log.warn("Desk failed: {} ({})", e.kind(), e.code());
    return new Answer(ReportBlocks.notice(e.userMessage(lang), lang), "desk_error");
  }
}
