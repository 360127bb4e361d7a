package com.deskstats.alert;

import com.deskstats.config.Settings;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.Sleeper;
import com.deskstats.ops.Node;
import com.deskstats.slack.AlertControl;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Groups;
import com.deskstats.text.Language;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts, built by Main: their job (handed to {@code Digest.start} so it runs on the digest's scheduler, clustered
 * on PostgreSQL), their trigger every ALERT_INTERVAL in their own job group, and the slash command's
 * {@link AlertControl}.
 */
public final class Alerts {
  private static final Logger log = LoggerFactory.getLogger(Alerts.class);

  /** The alerts' Quartz job group. */
  public static final String GROUP = "alerts";
  static final JobKey JOB = JobKey.jobKey("evaluate", GROUP);
  static final TriggerKey TRIGGER = TriggerKey.triggerKey("evaluate", GROUP);

  /**
   * What the alerts need from the settings.
   *
   * @param zone DESK_TIMEZONE: where Desk days begin and how times are shown
   * @param interval ALERT_INTERVAL
   * @param params MIN_RATINGS and ALERT_COOLDOWN
   * @param node this replica's name, for the claims
   * @param botLanguage BOT_LANGUAGE: the posts of rules without their own {@code lang}
   */
  public record Config(ZoneId zone, Duration interval, Evaluator.Params params, String node, Language botLanguage) {
    /** A config whose rules without {@code lang} post in English. */
    public Config(ZoneId zone, Duration interval, Evaluator.Params params, String node) {
      this(zone, interval, params, node, Language.EN);
    }

    /** From the settings, named after this process ("host/pid"). */
    public static Config of(Settings s) {
      return new Config(s.deskTimezone(), s.alertInterval(), new Evaluator.Params(s.minRatings(), s.alertCooldown()),
          Node.name(), s.botLanguage());
    }
  }

  private final Alerting alerting;
  private final AlertJob job;
  private final AlertService service;
  private final Duration interval;

  private Alerts(Alerting alerting, AlertService service, Duration interval) {
    this.alerting = alerting;
    this.job = new AlertJob(alerting);
    this.service = service;
    this.interval = interval;
  }

  /**
   * @param days today's rows (today is never cached: one Desk fetch per evaluation)
   * @param slack a Web API client for the bot token
   */
  public static Alerts create(Config config, DataSource dataSource, DaySource days, Groups groups, MethodsClient slack,
      Clock clock) {
    return create(config, dataSource, days, groups, slack, clock, Sleeper.REAL);
  }

  static Alerts create(Config config, DataSource dataSource, DaySource days, Groups groups, MethodsClient slack,
      Clock clock, Sleeper sleeper) {
    AlertStore store = new AlertStore(dataSource);
    Alerting alerting = new Alerting(store, days, groups, new SlackCalls(slack, sleeper), clock, config.zone(),
        config.params(), config.node(), config.botLanguage());
    return new Alerts(alerting, new AlertService(store, clock, config.zone(), config.interval()), config.interval());
  }

  /** The pre-built job for {@code Digest.start(..., otherJobs)}. */
  public Map<Class<? extends Job>, Job> jobs() {
    return Map.of(AlertJob.class, job);
  }

  /**
   * Schedules the evaluation every ALERT_INTERVAL on the (digest's) scheduler; a trigger already there with the same
   * interval is left alone (on a cluster, every replica calls this at start).
   */
  public void schedule(Scheduler scheduler) throws SchedulerException {
    Trigger existing = scheduler.getTrigger(TRIGGER);
    // A trigger Quartz put in ERROR (e.g. a node of an older version could not run the job) is replaced.
    if (existing instanceof SimpleTrigger s && s.getRepeatInterval() == interval.toMillis()
        && scheduler.getTriggerState(TRIGGER) != Trigger.TriggerState.ERROR) {
      return;
    }
    JobDetail detail = JobBuilder.newJob(AlertJob.class).withIdentity(JOB).requestRecovery(false).build();
    // A run missed while every node was down is not made up: the next one reads today afresh anyway.
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(detail)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .startNow().build();
    scheduler.scheduleJob(detail, Set.of(trigger), true);
    log.info("alerts scheduled every {}", AlertService.words(interval));
  }

  public AlertControl control() {
    return service;
  }

  /** One evaluation now, outside the schedule (preview and tests). */
  public Alerting.Outcome evaluateNow() {
    return alerting.evaluateNow();
  }
}
