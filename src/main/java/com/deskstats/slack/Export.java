package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportCsv;
import com.deskstats.stats.Scope;
import com.slack.api.methods.MethodsClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /desk-stats export} (SPEC §4): the period's CSV of every agent, uploaded to the asker's direct messages with
 * the bot (conversations.open, then the same external upload flow as the digest's chart); the answer says where.
 */
final class Export {
  private static final Logger log = LoggerFactory.getLogger(Export.class);

  private final Answers answers;

  Export(Answers answers) {
    this.answers = answers;
  }

  /** Builds the CSV and sends it to {@code userId}'s DM; one sentence back either way. */
  Answer send(MethodsClient client, String userId, Period period, Optional<String> group) {
    Answers.Scoped scoped = answers.scope(group);
    if (scoped instanceof Answers.Scoped.Unknown u) return u.answer();
    Scope scope = ((Answers.Scoped.Found) scoped).scope();
    Report report;
    try {
      report = answers.reports().report(period, scope);
    } catch (DeskException e) {
      return Answers.deskFailed(e);
    }
    String of = scope.group().map(g -> "group `" + Mrkdwn.escape(g) + "`").orElse("the team");
    String file = "desk-stats-" + period.token() + scope.group().map(g -> "-" + g).orElse("") + ".csv";
    SlackCalls slack = SlackCalls.of(client);
    String dm = userId;
    try {
      dm = slack.openDm(userId);
      slack.upload(dm, ReportCsv.bytes(report), file, "Desk per-agent CSV, " + period.label());
    } catch (SlackFailure f) {
      log.warn("export to the DM of {} failed: {}", userId, f.getMessage());
      return Answer.of("I could not send you the CSV: " + f.sentence(dm), "slack_error");
    }
    int n = report.listed().size();
    return Answer.of("Sent `" + file + "` (" + n + (n == 1 ? " agent" : " agents") + " of " + of + ", "
        + period.label() + ") to your direct messages with the bot.", "ok");
  }
}
