package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the team report and the agent card every surface shows: commands, buttons and Home. */
final class Answers {
  private static final Logger log = LoggerFactory.getLogger(Answers.class);

  private final Reports reports;
  private final SlackUsers users;
  private final Clock clock;

  Answers(Reports reports, SlackUsers users, Clock clock) {
    this.reports = reports;
    this.users = users;
    this.clock = clock;
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
    try {
      Report r = reports.report(period);
      return new Answer(ReportBlocks.report(r, options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      return deskFailed(e);
    }
  }

  Answer card(MethodsClient client, String askingUser, Command.AgentRef ref, Period period, boolean ephemeral) {
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
      Optional<AgentCard> card = reports.card(period, agentId);
      if (card.isEmpty()) {
        return Answer.of("No Desk agent with AgentId " + Mrkdwn.code(agentId, 256) + describe
            + " was active in " + period.label() + ".", "not_found");
      }
      return new Answer(ReportBlocks.card(card.get(), options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      return deskFailed(e);
    }
  }

  private static Answer deskFailed(DeskException e) {
    log.warn("Desk failed: {} ({})", e.kind(), e.code());
    return new Answer(ReportBlocks.notice(e.userMessage()), "desk_error");
  }
}
