package com.deskstats.digest;

import com.deskstats.config.Settings;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.Sleeper;
import com.deskstats.ops.Metrics;
import com.deskstats.slack.DigestControl;
import com.deskstats.slack.SlackApp;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Reports;
import com.deskstats.store.DeliveryRetryStore;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Installation;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running digest: built and started by Main with {@link #start}; gives the slash command its
 * {@link DigestControl}, /health its {@link #started()}, and shutdown its {@link #stop()}.
 */
public final class Digest {
  private static final Logger log = LoggerFactory.getLogger(Digest.class);

  /** {@code created_by} of the default subscription made from DIGEST_CHANNEL. */
  static final String DEFAULT_CREATOR = "DIGEST_CHANNEL";

  /**
   * Test and tuning knobs; production uses {@link #PRODUCTION}.
   *
   * @param misfireFloor the least misfire threshold whatever DIGEST_GRACE says (tests lower it to make misfires)
   */
  record Tuning(Sleeper sleeper, String instanceId, Duration idleWait, String node, Duration misfireFloor) {
    Tuning(Sleeper sleeper, String instanceId, Duration idleWait, String node) {
      this(sleeper, instanceId, idleWait, node, MISFIRE_FLOOR);
    }
  }

  /** Quartz's own default misfire threshold. */
  static final Duration MISFIRE_FLOOR = Duration.ofSeconds(60);

  static final Tuning PRODUCTION = new Tuning(Sleeper.REAL, "AUTO", Duration.ofSeconds(30), defaultNode());

  private final Scheduling scheduling;
  private final MissedRuns missedRuns;
  private final DigestService service;
  private final Consumer<CatchUpWait> catchUpTask;
  private final CatchUpWait catchUpWait;
  private final CompletableFuture<Void> catchUp = new CompletableFuture<>();
  private final AtomicReference<Thread> catchUpThread = new AtomicReference<>();
  private boolean stopped;
  private final RetryJob retryJob;

  private Digest(Scheduling scheduling, MissedRuns missedRuns, DigestService service, Consumer<CatchUpWait> catchUpTask,
      Sleeper sleeper, RetryJob retryJob) {
    this.retryJob = retryJob;
    this.scheduling = scheduling;
    this.missedRuns = missedRuns;
    this.service = service;
    this.catchUpTask = catchUpTask;
    this.catchUpWait = new CatchUpWait(sleeper);
  }

  /**
   * Schedules every subscription (the default one from DIGEST_CHANNEL and the stored ones) and starts Quartz;
   * {@link #catchUpMissedRuns} then deals with runs missed while the bot was down. The database must be migrated
   * already.
   *
   * @param slack a Web API client for the bot token, e.g. {@link #slackClient(Settings)}
   * @param renderer the report's blocks and chart (slack.ReportBlocks with buttons off, stats.Chart)
   */
  public static Digest start(Settings settings, DataSource dataSource, Reports reports, MethodsClient slack,
      Renderer renderer, Metrics metrics, Clock clock) throws SchedulerException {
    return start(settings, dataSource, reports, slack, renderer, metrics, clock, PRODUCTION);
  }

  static Digest start(Settings settings, DataSource dataSource, Reports reports, MethodsClient slack,
      Renderer renderer, Metrics metrics, Clock clock, Tuning tuning) throws SchedulerException {
    return start(settings, dataSource, reports, slack, renderer, metrics, clock, Map.of(), tuning);
  }

  /**
   * As {@link #start(Settings, DataSource, Reports, MethodsClient, Renderer, Metrics, Clock)}, with the pre-built jobs
   * of other features that run on the same Quartz scheduler (one per job class). They schedule their own triggers,
   * in their own job groups, through {@link #scheduler()}.
   */
  public static Digest start(Settings settings, DataSource dataSource, Reports reports, MethodsClient slack,
      Renderer renderer, Metrics metrics, Clock clock, Map<Class<? extends Job>, ? extends Job> otherJobs)
      throws SchedulerException {
    return start(settings, dataSource, reports, slack, renderer, metrics, clock, otherJobs, PRODUCTION);
  }

  static Digest start(Settings settings, DataSource dataSource, Reports reports, MethodsClient slack,
      Renderer renderer, Metrics metrics, Clock clock, Map<Class<? extends Job>, ? extends Job> otherJobs,
      Tuning tuning) throws SchedulerException {
    return start(settings, dataSource, reports, Groups.NONE, slack, renderer, metrics, clock, otherJobs, tuning);
  }

  /**
   * As {@link #start(Settings, DataSource, Reports, MethodsClient, Renderer, Metrics, Clock, Map)}; a subscription's
   * {@code group NAME} is resolved through {@code groups} at each delivery.
   */
  public static Digest start(Settings settings, DataSource dataSource, Reports reports, Groups groups,
      MethodsClient slack, Renderer renderer, Metrics metrics, Clock clock,
      Map<Class<? extends Job>, ? extends Job> otherJobs) throws SchedulerException {
    return start(settings, dataSource, reports, groups, slack, renderer, metrics, clock, otherJobs, PRODUCTION);
  }

  static Digest start(Settings settings, DataSource dataSource, Reports reports, Groups groups, MethodsClient slack,
      Renderer renderer, Metrics metrics, Clock clock, Map<Class<? extends Job>, ? extends Job> otherJobs,
      Tuning tuning) throws SchedulerException {
    SubscriptionStore subscriptions = new SubscriptionStore(dataSource);
    DeliveryStore deliveries = new DeliveryStore(dataSource, clock);
    DeliveryRetryStore retrying = new DeliveryRetryStore(dataSource, clock);
    Deliverer deliverer = new Deliverer(reports, groups, renderer, new SlackCalls(slack, tuning.sleeper()), deliveries,
        metrics, clock, settings.deskTimezone(), tuning.node(),
        new DeliveryRetries(retrying, settings.digestGrace(), clock), settings.botLanguage());
    RetryJob retryJob = new RetryJob(deliverer, retrying, subscriptions, tuning.node());
    // The first start of a new install posts nothing for the default subscription's runs from before it.
    Instant installedAt = Installation.since(dataSource, clock.instant());
    MissedRunPolicy policy = new MissedRunPolicy(deliverer, deliveries, clock, tuning.node());
    MissedRuns missedRuns = new MissedRuns(policy, settings.digestGrace(), clock);
    Map<Class<? extends Job>, Job> jobs = new HashMap<>(otherJobs);
    jobs.put(DigestJob.class, new DigestJob(deliverer));
    jobs.put(RetryJob.class, retryJob);
    Scheduling scheduling = Scheduling.create(settings.postgres(), dataSource, jobs, missedRuns,
        tuning.instanceId(), tuning.idleWait(), Scheduling.misfireThreshold(settings.digestGrace(), tuning.misfireFloor()));
    Optional<Subscription> dflt = settings.digestChannel().map(ch ->
        new Subscription(ch, settings.digestCron(), settings.digestTimezone(), DEFAULT_CREATOR, installedAt));
    DigestService service = new DigestService(subscriptions, deliveries, scheduling, deliverer, dflt,
        settings.digestCron(), settings.digestTimezone(), clock);
    List<Subscription> scheduled = service.all();
    try {
      scheduling.sync(scheduled);
      RetryJob.schedule(scheduling.scheduler());
      scheduling.scheduler().start();
    } catch (SchedulerException | RuntimeException e) {
      scheduling.scheduler().shutdown(false);
      missedRuns.close();
      throw e;
    }
    log.info("digest started: {} subscription(s), {} job store, node {}", scheduled.size(),
        settings.postgres() ? "clustered JDBC" : "RAM", tuning.node());
    return new Digest(scheduling, missedRuns, service, wait -> policy.catchUp(service.all(), settings.digestGrace(), wait),
        tuning.sleeper(), retryJob);
  }

  /**
   * Posts (or records as skipped) the runs missed while the bot was down, in the background, and from now on
   * records the runs Quartz drops as misfired while it runs. Main calls it once the whole bot is up: a start that
   * fails later (port taken, Slack refused) must not post or claim anything.
   */
  public synchronized void catchUpMissedRuns() {
    if (stopped) return;
    missedRuns.open();
    Thread t = new Thread(() -> {
      try {
        catchUpTask.accept(catchUpWait);
      } catch (RuntimeException e) {
        log.error("digest catch-up failed: missed runs are not posted until the next start", e);
      } finally {
        catchUp.complete(null);
      }
    }, "digest-catch-up");
    t.setDaemon(true);
    if (catchUpThread.compareAndSet(null, t)) t.start();
  }

  /** The Web API client for the bot token, pointed at SLACK_API_URL: the one Bolt's is built as. */
  public static MethodsClient slackClient(Settings settings) {
    String token = settings.slackBotToken()
        .orElseThrow(() -> new IllegalStateException("SLACK_BOT_TOKEN is required for the digest."));
    return SlackApp.slack(settings.slackApiUrl()).methods(token);
  }

  public Scheduler scheduler() {
    return scheduling.scheduler();
  }

  /** What the slash command calls for subscribe, unsubscribe, subscriptions and digest now. */
  public DigestControl control() {
    return service;
  }

  /** True while the scheduler runs: for /health. */
  public boolean started() {
    try {
      return scheduling.scheduler().isStarted() && !scheduling.scheduler().isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Stops firing and waits for a running delivery (scheduled or start-up's catch-up) to finish. */
  public void stop() {
    Thread t;
    synchronized (this) {
      stopped = true;
      t = catchUpThread.get();
    }
    // A catch-up waiting for another node's claim to go stale must not wake up after the database is closed.
    catchUpWait.interrupt(t);
    try {
      scheduling.scheduler().shutdown(true);
    } catch (SchedulerException e) {
      log.warn("digest scheduler did not shut down cleanly", e);
    }
    missedRuns.close();
    // Main closes the database and the Desk client next: a catch-up delivery under way must finish first.
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The job that tries due retries (tests run it instead of waiting for its trigger). */
  RetryJob retryJob() {
    return retryJob;
  }

  /** Completes when the missed-run check of {@link #catchUpMissedRuns} is done (tests wait on it). */
  CompletableFuture<Void> catchUpDone() {
    return catchUp;
  }

  /**
   * The catch-up's wait for a claim to go stale; {@link #interrupt} ends the wait only, never a delivery under way
   * (an interrupted delivery would post a false "could not be made" notice).
   */
  static final class CatchUpWait implements Sleeper {
    private final Sleeper sleeper;
    private boolean waiting;
    private boolean ended;

    CatchUpWait(Sleeper sleeper) {
      this.sleeper = sleeper;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      synchronized (this) {
        // stop() came before the catch-up reached its wait: the wait must not begin at all.
        if (ended) throw new InterruptedException();
        waiting = true;
      }
      try {
        sleeper.sleep(d);
      } finally {
        synchronized (this) {
          waiting = false;
        }
      }
      // An interrupt that landed between the end of the sleep and here still ends the catch-up.
      if (Thread.interrupted()) throw new InterruptedException();
    }

    /** Ends the wait under way, or the one the catch-up is about to begin. */
    synchronized void interrupt(Thread thread) {
      ended = true;
      if (waiting && thread != null) thread.interrupt();
    }
  }

  private static String defaultNode() {
    return com.deskstats.ops.Node.name();
  }

}
