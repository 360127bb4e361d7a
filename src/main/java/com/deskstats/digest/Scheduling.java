package com.deskstats.digest;

import com.deskstats.store.Subscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz side of the digest: one CronTrigger per subscription in its time zone. H2 (one replica) uses
 * the RAM store; PostgreSQL uses the clustered JDBC store on our DataSource, so each firing runs on one node
 * and a schedule changed on any node is seen by all.
 */
final class Scheduling {

  static final String GROUP = "digest";
  /** Fixed: every replica must share it, it is the cluster's SCHED_NAME. */
  static final String INSTANCE_NAME = "deskstats";

  private final Scheduler scheduler;

  Scheduling(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Builds (does not start) the scheduler.
   *
   * @param clustered true for PostgreSQL: JobStoreTX, clustered, on {@code dataSource}
   * @param instanceId "AUTO" in production; tests may name their nodes
   * @param idleWait how often an idle node looks for due triggers (it is woken at once for its own changes)
   * @param missed told of each trigger Quartz drops as misfired, on every node (registered before start, so the
   *     clustered store's start-up recovery is heard too)
   * @param misfireThreshold see {@link #misfireThreshold}: a firing delayed by less than this still runs
   */
  static Scheduling create(boolean clustered, DataSource dataSource, DigestJob job, MissedRuns missed,
      String instanceId, Duration idleWait, Duration misfireThreshold) throws SchedulerException {
    return create(clustered, dataSource, Map.of(DigestJob.class, job), missed, instanceId, idleWait, misfireThreshold);
  }

  /**
   * As above, with every pre-built job the scheduler hands out, by job class: the digest's and those of other
   * features that share this scheduler (each in its own job group, so {@link #sync} leaves them alone).
   */
  static Scheduling create(boolean clustered, DataSource dataSource, Map<Class<? extends Job>, ? extends Job> jobs,
      MissedRuns missed, String instanceId, Duration idleWait, Duration misfireThreshold) throws SchedulerException {
    String dsName = null;
    if (clustered) {
      // Quartz looks data sources up by name in a process-wide registry: a unique name per scheduler.
      dsName = "deskstats-" + UUID.randomUUID();
      DBConnectionManager.getInstance().addConnectionProvider(dsName, new Provider(dataSource));
    }
    Properties p = properties(clustered, dsName, instanceId, idleWait, misfireThreshold);
    Scheduler s;
    synchronized (Scheduling.class) {
      s = new StdSchedulerFactory(p).getScheduler();
      // We hold the reference; leaving it in Quartz's static repository would forbid a second node (tests)
      // of the same name in this JVM.
      SchedulerRepository.getInstance().remove(INSTANCE_NAME);
    }
    Map<Class<? extends Job>, Job> byClass = Map.copyOf(jobs);
    JobFactory factory = (bundle, sched) -> {
      Job job = byClass.get(bundle.getJobDetail().getJobClass());
      if (job == null) {
        throw new SchedulerException("unexpected job class " + bundle.getJobDetail().getJobClass().getName());
      }
      return job;
    };
    s.setJobFactory(factory);
    s.getListenerManager().addTriggerListener(missed, GroupMatcher.triggerGroupEquals(GROUP));
    return new Scheduling(s);
  }

  /**
   * DIGEST_GRACE, but no less than {@code floor} (60 s in production, Quartz's default): a firing late by less than
   * the grace (every worker busy at 09:00, a cluster restarting) is not a misfire and runs for its own time. A later
   * one does nothing in Quartz, and {@link MissedRuns} records it as skipped.
   */
  static Duration misfireThreshold(Duration grace, Duration floor) {
    return grace.compareTo(floor) < 0 ? floor : grace;
  }

  /** The Quartz properties for one replica (RAM store) or a cluster (JDBC store on PostgreSQL). */
  static Properties properties(boolean clustered, String dataSourceName, String instanceId, Duration idleWait,
      Duration misfireThreshold) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", INSTANCE_NAME);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWait.toMillis()));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "digest");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis()));
    if (!clustered) {
      p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      return p;
    }
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "10000");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    return p;
  }

  /** Makes the triggers match the subscriptions: adds, moves and removes. */
  void sync(List<Subscription> subscriptions) throws SchedulerException {
    Set<JobKey> wanted = new HashSet<>();
    for (Subscription s : subscriptions) {
      schedule(s);
      wanted.add(jobKey(Target.of(s).name()));
    }
    for (JobKey k : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!wanted.contains(k)) scheduler.deleteJob(k);
    }
  }

  /**
   * Schedules or moves the subscription's trigger (one per channel, cadence and group); an unchanged trigger is left
   * alone (its next fire time too).
   */
  void schedule(Subscription s) throws SchedulerException {
    Target target = Target.of(s);
    TriggerKey tk = triggerKey(target.name());
    Trigger existing = scheduler.getTrigger(tk);
    if (existing instanceof CronTrigger c && c.getCronExpression().equals(s.cron())
        && c.getTimeZone().getID().equals(s.zone().getId()) && Target.of(c).equals(target)) {
      return;
    }
    org.quartz.JobDataMap data = new org.quartz.JobDataMap();
    target.write(data);
    JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity(jobKey(target.name()))
        .usingJobData(data).requestRecovery(false).build();
    // Misfires (later than DIGEST_GRACE, the misfire threshold) do nothing: MissedRuns records them, reading the
    // target from the trigger's own data.
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(tk).forJob(job).usingJobData(data)
        .withSchedule(CronScheduleBuilder.cronSchedule(s.cron()).inTimeZone(TimeZone.getTimeZone(s.zone()))
            .withMisfireHandlingInstructionDoNothing())
        .build();
    scheduler.scheduleJob(job, Set.of(trigger), true);
  }

  void unschedule(String channelId) throws SchedulerException {
    scheduler.deleteJob(jobKey(channelId));
  }

  /** Removes the trigger of one subscription. */
  void unschedule(com.deskstats.store.DeliveryKey key) throws SchedulerException {
    scheduler.deleteJob(jobKey(Target.name(key)));
  }

  /** The job of a subscription named by {@link Target#name()} (a daily team digest: its channel id). */
  static JobKey jobKey(String name) {
    return JobKey.jobKey(name, GROUP);
  }

  static TriggerKey triggerKey(String name) {
    return TriggerKey.triggerKey(name, GROUP);
  }

  /** Hands Quartz connections from our pool; the pool belongs to Main, so shutdown leaves it open. */
  private record Provider(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
