package com.deskstats;

import com.deskstats.alert.Alerts;
import com.deskstats.alert.Evaluator;
import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.desk.DemoDesk;
import com.deskstats.desk.DeskBreaker;
import com.deskstats.desk.DeskClient;
import com.deskstats.desk.DeskSource;
import com.deskstats.digest.Digest;
import com.deskstats.digest.Renderer;
import com.deskstats.ops.Health;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.ops.SocketHealth;
import com.deskstats.preview.AlertPreview;
import com.deskstats.preview.Preview;
import com.deskstats.slack.Access;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.slack.SlackApp;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.Chart;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.Groups;
import com.deskstats.stats.ReportService;
import com.deskstats.store.Database;
import com.deskstats.store.DayCache;
import com.deskstats.store.DayStore;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.deskstats.store.StoreException;
import com.deskstats.warmup.CacheWarmer;
import com.deskstats.warmup.WarmUp;
import com.deskstats.warmup.WarmUpJob;
import com.deskstats.web.WebServer;
import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpHandler;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The composition root: reads the settings once, builds every part once and hands it to constructors.
 *
 * <p>{@code java -jar desk-stats-bot.jar} serves Slack; {@code … preview [PERIOD] [--agent ID] [--demo] [--json]
 * [--chart FILE]} prints the report Slack would get.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** How long requests in flight may take to be acked on SIGTERM: acks are immediate. */
  private static final Duration ACK_GRACE = Duration.ofSeconds(3);
  /** How long replies in flight may take to finish on SIGTERM: Desk's retry budget is 10 s. */
  private static final Duration REPLY_GRACE = Duration.ofSeconds(15);

  private Main() {}

  public static void main(String[] args) {
    List<String> argv = Arrays.asList(args);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      if (!argv.isEmpty() && argv.get(0).equals("preview")) {
        code = preview(argv.subList(1, argv.size()), System.getenv(), out, err);
      } else if (argv.isEmpty() || argv.get(0).equals("serve")) {
        code = serve(Settings.fromEnvironment().requireForServing());
      } else if (argv.get(0).equals("help") || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
        out.println(USAGE);
        code = 0;
      } else {
        err.println("desk-stats: unknown command '" + argv.get(0) + "'.");
        err.println(USAGE);
        code = 2;
      }
    } catch (ConfigException | StoreException e) {
      // One line naming what to fix; no stack trace.
      err.println("desk-stats: " + e.getMessage());
      code = 78;
    } catch (RuntimeException e) {
      // A bug, not a setting: the trace is for the operator's log. Exit rather than leave a half-started JVM up.
      log.error("desk-stats failed unexpectedly", e);
      code = 1;
    }
    // Always exit explicitly: after serve, a library's idle non-daemon thread must not keep the JVM alive.
    System.exit(code);
  }

  static final String USAGE = String.join("\n",
      "Usage: java -jar desk-stats-bot.jar [serve]     serve Slack (HTTP on PORT, or Socket Mode with SLACK_APP_TOKEN)",
      "       java -jar desk-stats-bot.jar preview …   print a report; see 'preview --help'");

  /** {@code preview}: the report for a person, from Desk or (--demo / DESK_DEMO=true) the sample team. */
  static int preview(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && args.get(0).equals("alert")) return previewAlert(args.subList(1, args.size()), env, out, err);
    Preview.Options opts;
    try {
      opts = Preview.parseArgs(args);
    } catch (Preview.UsageException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (opts.help()) {
      out.println(Preview.USAGE);
      return 0;
    }
    Settings settings = Settings.load(env);
    boolean demo = opts.demo() || settings.deskDemo();
    Clock clock = Clock.systemUTC();
    Metrics metrics = new Metrics(false);
    ExecutorService reportPool = reportPool();
    try {
      if (demo) {
        DaySource days = new DirectDays(new DemoDesk(clock, settings.deskTimezone()), clock);
        return Preview.run(opts, reports(settings, days, clock, reportPool), out, err, clock);
      }
      settings.requireDesk();
      OkHttpClient http = new OkHttpClient();
      try (DeskClient desk = DeskClient.create(settings, http, metrics);
          HikariDataSource db = Database.open(settings)) {
        Database.migrate(db);
        DaySource days = cachedDays(settings, desk, new DayStore(db), clock, metrics);
        return Preview.run(opts, reports(settings, days, clock, reportPool), out, err, clock);
      } finally {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      }
    } finally {
      reportPool.shutdown();
    }
  }

  /** {@code preview alert "RULE"}: one alert rule against today, now: what would be posted, or why nothing would. */
  static int previewAlert(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    AlertPreview.Options opts;
    try {
      opts = AlertPreview.parseArgs(args);
    } catch (Preview.UsageException e) {
      err.println(e.sentence());
      err.println(AlertPreview.USAGE);
      return 2;
    }
    Settings settings = Settings.load(env);
    Clock clock = Clock.systemUTC();
    Evaluator.Params params = new Evaluator.Params(settings.minRatings(), settings.alertCooldown());
    if (opts.help() || opts.demo() || settings.deskDemo()) {
      DaySource days = new DirectDays(new DemoDesk(clock, settings.deskTimezone()), clock);
      return AlertPreview.run(opts, days, Groups.NONE, settings.deskTimezone(), params, out, err, clock);
    }
    settings.requireDesk();
    OkHttpClient http = new OkHttpClient();
    try (DeskClient desk = DeskClient.create(settings, http, new Metrics(false));
        HikariDataSource db = Database.open(settings)) {
      Database.migrate(db);
      DaySource days = cachedDays(settings, desk, new DayStore(db), clock, new Metrics(false));
      return AlertPreview.run(opts, days, new GroupStore(db, clock), settings.deskTimezone(), params, out, err, clock);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Serves Slack until SIGTERM, then stops taking requests, finishes replies in flight and exits. */
  static int serve(Settings settings) {
    Running running;
    try {
      running = start(settings, Clock.systemUTC());
    } catch (StartupException e) {
      log.error("desk-stats could not start: {}", e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopping.compareAndSet(false, true)) {
        running.stop();
        stopped.countDown();
      }
    };
    // SIGINT, SIGHUP or System.exit elsewhere: stop gracefully all the same.
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));
    // SIGTERM is how an orchestrator asks us to stop. Left to the JVM it would exit 143 (killed by a signal), so we
    // take it ourselves: stop gracefully, then main exits 0.
    try {
      Signal.handle(new Signal("TERM"), sig -> new Thread(stop, "sigterm").start());
    } catch (IllegalArgumentException e) {
      log.warn("Cannot handle SIGTERM here ({}); the shutdown hook stops the bot instead", e.getMessage());
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

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
    log.info("Starting desk-stats: {}", settings);
    HikariDataSource db = Database.open(settings);
    // The migrations need nothing else: they run while the rest is built and Slack checks the token.
    CompletableFuture<Void> migrated = CompletableFuture.runAsync(() -> Database.migrate(db),
        command -> threads("migrate").newThread(command).start());
    Metrics metrics = new Metrics();
    OkHttpClient http = new OkHttpClient();
    DayCache cache = DayCache.open(settings);

    DeskSource desk = settings.deskDemo() ? new DemoDesk(clock, settings.deskTimezone())
        : DeskClient.create(settings, http, metrics);
    ExecutorService reportPool = reportPool();
    // Commands go through the Desk breaker; the digest always calls Desk, and its success closes the breaker.
    DeskBreaker deskBreaker = new DeskBreaker(desk, Clock.systemUTC());
    CachedDays days = cachedDays(settings, deskBreaker, cache.days(), clock, metrics);
    ReportService reports = reports(settings, days, clock, reportPool);
    CachedDays digestDays = cachedDays(settings, deskBreaker.always(), cache.days(), clock, metrics);
    ReportService digestReports = reports(settings, digestDays, clock, reportPool);
    // One store of groups for every feature that takes `group NAME` (reports, cards, subscriptions, alerts, export).
    GroupStore groups = new GroupStore(db, clock);
    // The warm-up runs in the background like the digest: it always asks Desk, whatever the commands' breaker says.
    WarmUpJob warmUp = new WarmUpJob(new CacheWarmer(digestReports, digestDays), WarmUp.RETRY_AFTER);
    // Alerts read today in the background, like the digest; they say themselves when Desk cannot be read.
    Alerts alerts = Alerts.create(Alerts.Config.of(settings), cache.guard().guard(db), digestDays, groups,
        Digest.slackClient(settings), clock);
    ExecutorService replies = Executors.newFixedThreadPool(8, threads("reply"));
    Runnable closeAll = () -> {
      reportPool.shutdown();
      cache.close();
      if (desk instanceof DeskClient client) client.close();
      http.dispatcher().executorService().shutdown();
      migrated.exceptionally(x -> null).join();
      db.close();
    };

    // Slack's auth.test needs nothing of the database either.
    LateDigestControl control = new LateDigestControl();
    SlackApp slack;
    CompletableFuture<Void> slackCheck;
    try {
      slack = new SlackApp(SlackApp.appConfig(settings), reports, groups, new LinkStore(db, clock),
          new Access(settings.botViewers(), settings.botAdmins(), Ticker.systemTicker()), control, alerts.control(),
          settings.botAdmins(), metrics, replies, clock);
      // Bolt checks the bot token with auth.test as the app starts, and throws when Slack refuses it.
      slackCheck = CompletableFuture.runAsync(slack::start, command -> threads("slack-check").newThread(command).start());
    } catch (RuntimeException e) {
      replies.shutdownNow();
      closeAll.run();
      throw new StartupException("SLACK_BOT_TOKEN could not be checked with Slack at " + settings.slackApiUrl() + ": "
          + message(e), e);
    }
    Digest digest;
    try {
      awaitMigrations(migrated);
      digest = Digest.start(settings, cache.guard().guard(db), digestReports, groups, Digest.slackClient(settings),
          renderer(), metrics, clock,
          jobs(Map.of(WarmUpJob.class, warmUp), alerts.jobs()));
    } catch (org.quartz.SchedulerException | RuntimeException e) {
      // The Slack check must end before its pools close; its own failure, if any, is not the first cause.
      slackCheck.exceptionally(x -> null).join();
      slack.stop(Duration.ZERO);
      closeAll.run();
      if (e instanceof org.quartz.SchedulerException) {
        throw new StartupException("the digest scheduler did not start: " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    }
    control.set(digest.control());

    SocketHealth socket = settings.socketMode() ? new SocketHealth(Clock.systemUTC(), metrics) : null;
    Health health = new Health(db, digest::started, metrics, clock, socket);
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    routes.put("/health", Health.healthHandler(health));
    routes.put("/metrics", Health.metricsHandler(metrics, settings.metricsToken()));

    WebServer web = null;
    try {
      try {
        slackCheck.join();
      } catch (CompletionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        throw new StartupException("SLACK_BOT_TOKEN could not be checked with Slack at " + settings.slackApiUrl() + ": "
            + message(cause), cause);
      }
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

  /** Waits for the migrations; their failure (a StoreException) is thrown as it is, for its one-line message. */
  private static void awaitMigrations(CompletableFuture<Void> migrated) {
    try {
      migrated.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  private static String message(Exception e) {
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

  private static CachedDays cachedDays(Settings settings, DeskSource desk, DayStore store, Clock clock,
      Metrics metrics) {
    return new CachedDays(desk, store, CachedDays.scope(settings), settings.deskTimezone(),
        settings.deskSettle(), clock, metrics);
  }

  private static ReportService reports(Settings settings, DaySource days, Clock clock, ExecutorService pool) {
    return new ReportService(days, settings.deskTimezone(), settings.minRatings(), settings.topN(), clock,
        RequestIds.propagating(pool));
  }

  /** The days a report fetches at once; whoever makes it shuts it down. */
  private static ExecutorService reportPool() {
    return Executors.newFixedThreadPool(4, threads("report"));
  }

  /** The digest's message: the same blocks as every other surface, without buttons, plus the chart. */
  static Renderer renderer() {
    return (report, today, now) -> {
      ReportBlocks.Message m = ReportBlocks.report(report, ReportBlocks.Options.plain(today, now));
      return new Renderer.Rendered(m.text(), m.blocks(), Chart.png(report));
    };
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
