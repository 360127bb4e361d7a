package com.deskstats.alert;

import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertControl;
import com.deskstats.slack.Mrkdwn;
import com.deskstats.slack.ReportFormat;
import com.deskstats.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alert rules from Slack: saved, listed with their state and last evaluation, removed. */
final class AlertService implements AlertControl {
  private static final Logger log = LoggerFactory.getLogger(AlertService.class);

  private final AlertStore store;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration interval;

  AlertService(AlertStore store, Clock clock, ZoneId zone, Duration interval) {
    this.store = store;
    this.clock = clock;
    this.zone = zone;
    this.interval = interval;
  }

  @Override
  public String add(String channelId, AlertCondition condition, String userId) {
    try {
      Rule r = store.add(channelId, condition, userId, clock.instant());
      log.info("alert rule id={} channel={} condition='{}' added by={}", r.id(), channelId, condition.text(), userId);
      return "Alert " + r.id() + " added: <#" + channelId + "> hears when " + describe(condition) + ", checked every "
          + words(interval) + ". Nothing is posted until then; `/desk-stats alert remove " + r.id() + "` removes it.";
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  @Override
  public String list() {
    List<Rule> rules;
    Map<Long, RuleState> states;
    DeskHealth health;
    try {
      rules = store.rules();
      states = store.states();
      health = store.health();
    } catch (StoreException e) {
      return e.getMessage();
    }
    if (rules.isEmpty()) {
      return "No alert rules yet. An admin adds one with `/desk-stats alert #support unreplied > 5`.";
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    StringBuilder s = new StringBuilder("*Alert rules*");
    for (Rule r : rules) {
      AlertCondition c = r.condition();
      RuleState st = states.get(r.id());
      s.append("\n• *").append(r.id()).append("* <#").append(r.channelId()).append("> `")
          .append(Mrkdwn.escape(c.metric().word() + " " + c.op().symbol() + " " + c.thresholdText())).append("` · ")
          .append(c.group().map(g -> "group `" + Mrkdwn.escape(g) + "`").orElse("team"))
          .append(c.perAgent() ? ", each agent" : " as a whole").append(" · ");
      if (st != null && st.day().equals(today) && st.firing()) {
        s.append("*firing* since ").append(AlertBlocks.at(st.firingSince().orElse(now), zone));
        if (c.perAgent()) s.append(" for ").append(st.overCount()).append(st.overCount() == 1 ? " agent" : " agents");
        if (st.value().isPresent()) {
          s.append(c.perAgent() ? " (worst " : " (").append(AlertCondition.format(c.metric(), st.value().getAsDouble()))
              .append(')');
        }
      } else {
        s.append("ok");
      }
      s.append(" · last evaluation ").append(st == null || st.evaluatedAt().isEmpty() ? "not yet"
          : ReportFormat.clock(st.evaluatedAt().get(), zone, today));
    }
    if (health.failures() > 0) {
      s.append("\n_Desk could not be read at the last ").append(health.failures())
          .append(health.failures() == 1 ? " evaluation" : " evaluations")
          .append(health.since().map(i -> " (since " + ReportFormat.clock(i, zone, today) + ")").orElse(""))
          .append(": ").append(Mrkdwn.escape(health.reason().orElse("unknown reason"))).append("_");
    }
    return s.toString();
  }

  @Override
  public String remove(long id, String userId) {
    try {
      return store.remove(id).map(r -> {
        log.info("alert rule id={} channel={} condition='{}' removed by={}", id, r.channelId(), r.condition().text(), userId);
        return "Alert " + id + " (<#" + r.channelId() + "> `" + Mrkdwn.escape(r.condition().text()) + "`) is removed.";
      }).orElse("There is no alert " + id + "; `/desk-stats alerts` lists them.");
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  /** "unreplied sessions are above 5 for the team", in words. */
  static String describe(AlertCondition c) {
    String cmp = switch (c.op()) {
      case GT -> "above";
      case GE -> "at or above";
      case LT -> "below";
      case LE -> "at or below";
    };
    String whose = c.group().map(g -> "group `" + Mrkdwn.escape(g) + "`").orElse("the team");
    return "`" + Mrkdwn.escape(c.metric().word()) + "` is " + cmp + " " + Mrkdwn.escape(c.thresholdText())
        + (c.perAgent() ? " for any agent of " + whose : " for " + whose + " as a whole");
  }

  static String words(Duration d) {
    long s = d.toSeconds();
    if (s == 0) return d.toMillis() + " ms";
    if (s % 3600 == 0) return s / 3600 + (s == 3600 ? " hour" : " hours");
    if (s % 60 == 0) return s / 60 + (s == 60 ? " minute" : " minutes");
    return s + " seconds";
  }
}
