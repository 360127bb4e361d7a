package com.deskstats.alert;

import com.deskstats.delivery.Sentences;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertControl;
import com.deskstats.slack.Mrkdwn;
import com.deskstats.store.StoreException;
import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alert rules from Slack: saved, listed with their state and last evaluation, removed; answers in the asker's language. */
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
  public String add(Language lang, String channelId, AlertCondition condition, Optional<Language> postLang,
      String userId) {
    Texts x = Texts.of(lang);
    try {
      Rule r = store.add(channelId, condition, userId, clock.instant(), postLang);
      log.info("alert rule id={} channel={} condition='{}' lang={} added by={}", r.id(), channelId, condition.text(),
          postLang.map(Language::code).orElse("default"), userId);
      String added = x.get("posts.alert.added", String.valueOf(r.id()), channelId, describe(condition, x),
          words(interval, x));
      return postLang.map(p -> Sentences.join(x, added, x.get("posts.lang.posts_in",
          x.get("posts.language." + p.code())))).orElse(added);
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  @Override
  public String list(Language lang) {
    Texts x = Texts.of(lang);
    Formats f = x.formats();
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
    if (rules.isEmpty()) return x.get("posts.alerts.none");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    StringBuilder s = new StringBuilder(x.get("posts.alerts.title"));
    for (Rule r : rules) {
      AlertCondition c = r.condition();
      RuleState st = states.get(r.id());
      String scope = c.group().map(g -> x.get(c.perAgent() ? "posts.alerts.scope.group_each"
          : "posts.alerts.scope.group_whole", Mrkdwn.escape(g)))
          .orElseGet(() -> x.get(c.perAgent() ? "posts.alerts.scope.team_each" : "posts.alerts.scope.team_whole"));
      s.append("\n• *").append(r.id()).append("* <#").append(r.channelId()).append("> `")
          .append(Mrkdwn.escape(c.metric().word() + " " + c.op().symbol() + " " + c.thresholdText())).append("` · ")
          .append(scope);
      r.lang().ifPresent(l -> s.append(x.get("posts.lang.tag", l.code())));
      s.append(" · ");
      if (st != null && st.day().equals(today) && st.firing()) {
        s.append(x.get("posts.alerts.firing", AlertBlocks.at(st.firingSince().orElse(now), zone)));
        if (c.perAgent()) s.append(x.get("posts.alerts.firing_agents", st.overCount()));
        if (st.value().isPresent()) {
          s.append(x.get(c.perAgent() ? "posts.alerts.worst" : "posts.alerts.value",
              AlertBlocks.value(c.metric(), st.value().getAsDouble(), f)));
        }
      } else {
        s.append(x.get("posts.alerts.ok"));
      }
      s.append(st == null || st.evaluatedAt().isEmpty() ? x.get("posts.alerts.not_checked")
          : x.get("posts.alerts.last_evaluation", f.clock(st.evaluatedAt().get(), zone, today)));
    }
    if (health.failures() > 0) {
      String reason = Mrkdwn.escape(health.reason().orElseGet(() -> x.get("posts.alerts.unknown_reason")));
      s.append('\n').append(health.since()
          .map(i -> x.get("posts.alerts.desk_failing_since", health.failures(), f.clock(i, zone, today), reason))
          .orElseGet(() -> x.get("posts.alerts.desk_failing", health.failures(), reason)));
    }
    return s.toString();
  }

  @Override
  public String remove(Language lang, long id, String userId) {
    Texts x = Texts.of(lang);
    try {
      return store.remove(id).map(r -> {
        log.info("alert rule id={} channel={} condition='{}' removed by={}", id, r.channelId(), r.condition().text(), userId);
        return x.get("posts.alert.removed", String.valueOf(id), r.channelId(), Mrkdwn.escape(r.condition().text()));
      }).orElseGet(() -> x.get("posts.alert.no_such", String.valueOf(id)));
    } catch (StoreException e) {
      return e.getMessage();
    }
  }

  /** "`unreplied` is above 5 for the team as a whole", in words of the reader's language. */
  static String describe(AlertCondition c, Texts x) {
    String cmp = x.get(switch (c.op()) {
      case GT -> "posts.alert.op.gt";
      case GE -> "posts.alert.op.ge";
      case LT -> "posts.alert.op.lt";
      case LE -> "posts.alert.op.le";
    });
    return x.get(c.perAgent() ? "posts.alert.describe.each" : "posts.alert.describe.whole",
        Mrkdwn.escape(c.metric().word()), cmp, Mrkdwn.escape(c.thresholdText()), AlertBlocks.scope(c, x));
  }

  /** "10 minutes", "1 hour", in English (the log). */
  static String words(Duration d) {
    return words(d, Texts.of(Language.EN));
  }

  static String words(Duration d, Texts x) {
    long s = d.toSeconds();
    if (s == 0) return x.get("posts.duration.ms", String.valueOf(d.toMillis()));
    if (s % 3600 == 0) return x.get("posts.duration.hours", s / 3600);
    if (s % 60 == 0) return x.get("posts.duration.minutes", s / 60);
    return x.get("posts.duration.seconds", s);
  }
}
