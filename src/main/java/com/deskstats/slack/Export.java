package com.deskstats.slack;

import com.deskstats.desk.DeskException;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportCsv;
import com.deskstats.stats.Scope;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
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

  /** Builds the CSV and sends it to {@code userId}'s DM; one sentence back either way, in {@code lang}. */
  Answer send(MethodsClient client, String userId, Period period, Optional<String> group, Language lang) {
    Answers.Scoped scoped = answers.scope(group, lang);
    if (scoped instanceof Answers.Scoped.Unknown u) return u.answer();
    Scope scope = ((Answers.Scoped.Found) scoped).scope();
    Report report;
    try {
      report = answers.reports().report(period, scope);
    } catch (DeskException e) {
      return Answers.deskFailed(e, lang);
    }
    Texts t = Texts.of(lang);
    String when = period.label(lang);
    String file = "desk-stats-" + period.token() + scope.group().map(g -> "-" + g).orElse("") + ".csv";
    SlackCalls slack = SlackCalls.of(client);
    String dm = userId;
    try {
      dm = slack.openDm(userId);
      slack.upload(dm, ReportCsv.bytes(report), file, t.get("answers.export.title", when));
    } catch (SlackFailure f) {
      log.warn("export to the DM of {} failed: {}", userId, f.getMessage());
      return Answer.of(t.get("answers.export.failed", f.sentence(dm)), "slack_error");
    }
    int n = report.listed().size();
    String sent = scope.group()
        .map(g -> t.get("answers.export.sent_group", file, n, String.valueOf(n), Mrkdwn.escape(g), when))
        .orElseGet(() -> t.get("answers.export.sent", file, n, String.valueOf(n), when));
    return Answer.of(sent, "ok");
  }
}
