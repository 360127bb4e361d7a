package com.deskstats;

import com.deskstats.alert.Alerts;
import com.deskstats.config.Settings;
import com.deskstats.desk.DemoDesk;
import com.deskstats.desk.DeskBreaker;
import com.deskstats.desk.DeskClient;
import com.deskstats.desk.DeskSource;
import com.deskstats.digest.Digest;
import com.deskstats.digest.Renderer;
import com.deskstats.ops.Health;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.SocketHealth;
import com.deskstats.slack.Access;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.slack.SlackApp;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.Chart;
import com.deskstats.stats.ReportService;
import com.deskstats.store.Database;
import com.deskstats.store.DayCache;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.deskstats.warmup.CacheWarmer;
import com.deskstats.warmup.WarmUp;
import com.deskstats.warmup.WarmUpJob;
import com.deskstats.web.WebServer;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.sun.net.httpserver.HttpHandler;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The served bot: builds every part once, starts them in order, and stops them in the reverse order. */
final class Bot {
  // Logs as Main, as it did before the split: operators' log filters key on the logger's name.
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** How long requests in flight may take to be acked on SIGTERM: acks are immediate. */
  private static final Duration ACK_GRACE = Duration.ofSeconds(3);
  /** How long replies in flight may take to finish on SIGTERM: Desk's retry budget is 10 s. */
  private static final Duration REPLY_GRACE = Duration.ofSeconds(15);

  private Bot() {}

  /** A start-up that failed after the settings were valid (Slack unreachable, token refused, port taken). */
  static final class StartupException extends Exception {
    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The running bot: its web server's port, and how to stop it. */
  record Running(WebServer web, SlackApp slack, Digest digest, DeskSource desk, HikariDataSource db,
      OkHttpClient http, ExecutorService replies, ExecutorService reportPool, DayCache cache) {
    int port() {
      return web.port();
    }

    /** Stops taking requests, lets replies in flight finish, stops the digest, then closes the pools. */
    void stop() {
      log.info("Stopping: no new requests; finishing replies in flight");
      web.stop(ACK_GRACE);
      slack.stop(REPLY_GRACE);
      digest.stop();
      // Only now: replies and the digest have finished with the reports. Fetches still running end on their own.
      replies.shutdown();
      reportPool.shutdown();
      cache.close();
      if (desk instanceof DeskClient client) client.close();
      http.dispatcher().executorService().shutdown();
      db.close();
      log.info("Stopped");
    }
  }

  /** Builds and starts every part; the caller owns the returned handle. */
  static Running start(Settings settings, Clock clock) throws StartupException {
    return start(settings, clock, HeadStart.NONE);
  }

  /** As above, with the work that {@link HeadStart} began before logging was set up. */
  static Running start(Settings settings, Clock clock, HeadStart head) throws StartupException {
    // Slack's auth.test needs nothing of the rest: Bolt and the check run while the database opens and the parts are
    // built. It is the longest of the independent paths, so it goes first, before even the first log line.
    CompletableFuture<App> bolt = CompletableFuture.supplyAsync(() -> SlackApp.bolt(SlackApp.appConfig(settings)),
        command -> Parts.threads("slack-check").newThread(command).start());
    log.info("Starting desk-stats: {}", settings);
    // The database opens and migrates in the background while the rest is built and Slack checks the token: the
    // stores are built over a DataSource that waits for the pool, and nothing reads them before the migrations end.
    CompletableFuture<HikariDataSource> opened = CompletableFuture.supplyAsync(() -> Database.open(settings),
        command -> Parts.threads("db-open").newThread(command).start());
    // The pool holds a connection of its own now (or failed): the early one is no longer needed to keep H2 open.
    opened.whenComplete((pool, failed) -> head.database().close());
    CompletableFuture<Database.Schema> migrated = Database.migrateWhenOpen(settings, opened,
        command -> Parts.threads("migrate").newThread(command).start());
    DataSource data = Database.pending(opened);
    Metrics metrics = new Metrics();
    OkHttpClient http = head.http();
    DayCache cache = DayCache.open(settings);

    DeskSource desk = settings.deskDemo() ? new DemoDesk(clock, settings.deskTimezone())
        : DeskClient.create(settings, http, metrics);
    ExecutorService reportPool = Parts.reportPool();
    // Commands go through the Desk breaker; the digest always calls Desk, and its success closes the breaker.
    DeskBreaker deskBreaker = new DeskBreaker(desk, Clock.systemUTC());
    CachedDays days = Parts.cachedDays(settings, deskBreaker, cache.days(), clock, metrics);
    ReportService reports = Parts.reports(settings, days, clock, reportPool);
    CachedDays digestDays = Parts.cachedDays(settings, deskBreaker.always(), cache.days(), clock, metrics);
    ReportService digestReports = Parts.reports(settings, digestDays, clock, reportPool);
    // One store of groups for every feature that takes `group NAME` (reports, cards, subscriptions, alerts, export).
    GroupStore groups = new GroupStore(data, clock);
    // The warm-up runs in the background like the digest: it always asks Desk, whatever the commands' breaker says.
    WarmUpJob warmUp = new WarmUpJob(new CacheWarmer(digestReports, digestDays), WarmUp.RETRY_AFTER);
    // Alerts read today in the background, like the digest; they say themselves when Desk cannot be read.
    // One Web API client (and connection pool) for everything the bot posts on its own: digests and alerts.
    MethodsClient posts = Digest.slackClient(settings);
    Alerts alerts = Alerts.create(Alerts.Config.of(settings), cache.guard().guard(data), digestDays, groups, posts,
        clock);
    ExecutorService replies = Executors.newFixedThreadPool(8, Parts.threads("reply"));
    Runnable closeAll = () -> {
      reportPool.shutdown();
      cache.close();
      if (desk instanceof DeskClient client) client.close();
      http.dispatcher().executorService().shutdown();
      migrated.exceptionally(x -> null).join();
      opened.thenAccept(HikariDataSource::close).exceptionally(x -> null).join();
    };

    Digest digest;
    Database.Schema schema;
    HikariDataSource db;
    try {
      schema = Parts.join(migrated); // a failed migration is a StoreException: one line names what to fix
      db = opened.join();
      digest = Digest.start(settings, cache.guard().guard(db), digestReports, groups, posts,
          renderer(), metrics, clock,
          jobs(Map.of(WarmUpJob.class, warmUp), alerts.jobs()));
    } catch (org.quartz.SchedulerException | RuntimeException e) {
      // The Slack check must end before the pools close; its own failure, if any, is not the first cause.
      bolt.thenAccept(App::stop).exceptionally(x -> null).join();
      replies.shutdownNow();
      closeAll.run();
      if (e instanceof org.quartz.SchedulerException) {
        throw new StartupException("the digest scheduler did not start: " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    }
    // Everything that does not need Bolt is built before waiting for it: Slack's check is the longest path.
    LinkStore links = new LinkStore(data, clock);
    Access access = new Access(settings.botViewers(), settings.botAdmins(), Ticker.systemTicker());
    SocketHealth socket = settings.socketMode() ? new SocketHealth(Clock.systemUTC(), metrics) : null;
    Health health = new Health(db, digest::started, metrics, clock, socket);
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    routes.put("/health", Health.healthHandler(health));
    routes.put("/metrics", Health.metricsHandler(metrics, settings.metricsToken()));
    SlackApp slack;
    try {
      slack = new SlackApp(bolt.join(), reports, groups, links, access, digest.control(), alerts.control(),
          settings.botAdmins(), metrics, replies, clock, settings.botLanguage());
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      digest.stop();
      replies.shutdownNow();
      closeAll.run();
      throw new StartupException("SLACK_BOT_TOKEN could not be checked with Slack at " + settings.slackApiUrl() + ": "
          + message(cause), cause);
    }

    WebServer web = null;
    try {
      web = new WebServer(settings.port(), settings.socketMode() ? null : slack.app(), routes).start();
      if (settings.socketMode()) slack.startSocketMode(settings.slackAppToken().orElseThrow(), socket);
    } catch (Exception e) {
      // Nothing may keep running: Quartz's threads would otherwise hold the JVM up after the failed start.
      if (web != null) web.stop(Duration.ZERO);
      slack.stop(Duration.ZERO);
      digest.stop();
      closeAll.run();
      throw e instanceof StartupException s ? s : new StartupException(message(e), e);
    }
    // Only now: a start that failed above must not have claimed, posted or noticed a missed digest.
    digest.catchUpMissedRuns();
    warmCache(digest, settings);
    try {
      alerts.schedule(digest.scheduler());
    } catch (org.quartz.SchedulerException e) {
      log.error("alerts could not be scheduled: rules are not evaluated until the next start", e);
    }
    log.info("desk-stats is up: {} mode, port {}", settings.socketMode() ? "Socket" : "HTTP", web.port());
    if (schema == Database.Schema.CURRENT) verifySchema(db);
    return new Running(web, slack, digest, desk, db, http, replies, reportPool, cache);
  }

  /** The pre-built Quartz jobs of several features, one map for the digest's scheduler. */
  @SafeVarargs
  private static Map<Class<? extends org.quartz.Job>, org.quartz.Job> jobs(
      Map<Class<? extends org.quartz.Job>, ? extends org.quartz.Job>... maps) {
    Map<Class<? extends org.quartz.Job>, org.quartz.Job> all = new java.util.HashMap<>();
    for (var m : maps) all.putAll(m);
    return all;
  }

  /** Flyway's check of a schema that was current at start-up, off the start-up path; a mismatch is logged. */
  private static void verifySchema(HikariDataSource db) {
    Parts.threads("schema-check").newThread(() -> {
      try {
        Database.verify(db);
      } catch (RuntimeException e) {
        // Stopped before the check ended (a quick restart, the image's training run): nothing was found wrong.
        if (db.isClosed()) return;
        log.error("Checking the database schema against this build's migrations failed: {}", message(e));
      }
    }).start();
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Reads the last closed day into the cache now if it is missing, and each day when it closes (one node). */
  private static void warmCache(Digest digest, Settings settings) {
    try {
      WarmUp.schedule(digest.scheduler(), settings.deskTimezone(), settings.deskSettle());
    } catch (org.quartz.SchedulerException e) {
      // Reports still work: the first one of a day reads Desk, as without the warm-up.
      log.warn("The cache warm-up could not be scheduled: {}", e.getMessage());
    }
  }

  /** The digest's message: the same blocks as every other surface, without buttons, plus the chart. */
  private static Renderer renderer() {
    return (report, today, now, language) -> {
      ReportBlocks.Message m = ReportBlocks.report(report, ReportBlocks.Options.plain(today, now, language));
      return new Renderer.Rendered(m.text(), m.blocks(), Chart.png(report, language));
    };
  }
}
