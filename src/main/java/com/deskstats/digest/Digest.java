package com.deskstats.digest;

import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.slack.DigestControl;
import com.deskstats.stats.Reports;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
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

  /** Test and tuning knobs; production uses {@link #PRODUCTION}. */
  record Tuning(Sleeper sleeper, String instanceId, Duration idleWait, String node) {}

  static final Tuning PRODUCTION = new Tuning(Sleeper.REAL, "AUTO", Duration.ofSeconds(30), defaultNode());

  private final Scheduling scheduling;
  private final DigestService service;
  private final CompletableFuture<Void> catchUp;
  private final Thread catchUpThread;
  private final CatchUpWait catchUpWait;

  private Digest(Scheduling scheduling, DigestService service, CompletableFuture<Void> catchUp, Thread catchUpThread,
      CatchUpWait catchUpWait) {
    this.scheduling = scheduling;
    this.service = service;
    this.catchUp = catchUp;
    this.catchUpThread = catchUpThread;
    this.catchUpWait = catchUpWait;
  }

  /**
   * Schedules every subscription (the default one from DIGEST_CHANNEL and the stored ones), starts Quartz, and
   * catches up a missed run in the background. The database must be migrated already.
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
    SubscriptionStore subscriptions = new SubscriptionStore(dataSource);
    DeliveryStore deliveries = new DeliveryStore(dataSource, clock);
    Deliverer deliverer = new Deliverer(reports, renderer, new SlackCalls(slack, tuning.sleeper()), deliveries,
        metrics, clock, settings.deskTimezone(), tuning.node());
    Scheduling scheduling = Scheduling.create(settings.postgres(), dataSource, new DigestJob(deliverer),
        tuning.instanceId(), tuning.idleWait(), settings.digestGrace());
    Optional<Subscription> dflt = settings.digestChannel().map(ch ->
        new Subscription(ch, settings.digestCron(), settings.digestTimezone(), DEFAULT_CREATOR, Instant.EPOCH));
    DigestService service = new DigestService(subscriptions, deliveries, scheduling, deliverer, dflt,
        settings.digestCron(), settings.digestTimezone(), clock);
    try {
      scheduling.sync(service.all());
      scheduling.scheduler().start();
    } catch (SchedulerException | RuntimeException e) {
      scheduling.scheduler().shutdown(false);
      throw e;
    }
    log.info("digest started: {} subscription(s), {} job store, node {}", service.all().size(),
        settings.postgres() ? "clustered JDBC" : "RAM", tuning.node());
    AtomicReference<Thread> catchUpThread = new AtomicReference<>();
    CatchUpWait wait = new CatchUpWait(tuning.sleeper());
    CompletableFuture<Void> catchUp = CompletableFuture.runAsync(() -> {
      try {
        deliverer.catchUp(service.all(), settings.digestGrace(), wait);
      } catch (RuntimeException e) {
        log.error("digest catch-up failed: missed runs are not posted until the next start", e);
      }
    }, r -> {
      Thread t = new Thread(r, "digest-catch-up");
      t.setDaemon(true);
      catchUpThread.set(t);
      t.start();
    });
    return new Digest(scheduling, service, catchUp, catchUpThread.get(), wait);
  }

  /** The Web API client for the bot token, pointed at SLACK_API_URL. */
  public static MethodsClient slackClient(Settings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.slackApiUrl());
    // The SDK's own call statistics would add an auth.test call per client; we count deliveries ourselves.
    config.setStatsEnabled(false);
    String token = settings.slackBotToken()
        .orElseThrow(() -> new IllegalStateException("SLACK_BOT_TOKEN is required for the digest."));
    return Slack.getInstance(config).methods(token);
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

  /** Stops firing and waits for a running delivery to finish. */
  public void stop() {
    // A catch-up waiting for another node's claim to go stale must not wake up after the database is closed.
    catchUpWait.interrupt(catchUpThread);
    try {
      scheduling.scheduler().shutdown(true);
    } catch (SchedulerException e) {
      log.warn("digest scheduler did not shut down cleanly", e);
    }
  }

  /** Completes when start-up's missed-run check is done (tests wait on it). */
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

    CatchUpWait(Sleeper sleeper) {
      this.sleeper = sleeper;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      synchronized (this) {
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

    synchronized void interrupt(Thread thread) {
      if (waiting && thread != null) thread.interrupt();
    }
  }

  private static String defaultNode() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
