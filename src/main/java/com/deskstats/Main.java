package com.deskstats;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.store.StoreException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The composition root: reads the settings once and runs one command: {@link Bot} builds the served bot, {@link
 * PreviewCommands} the previews.
 *
 * <p>{@code java -jar desk-stats-bot.jar} serves Slack; {@code … preview [PERIOD] [--agent ID] [--demo] [--json]
 * [--chart FILE]} prints the report Slack would get.
 */
public final class Main {
  // Not a static field: that would set logging up before main runs, and serve starts the database first.
  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }

  private Main() {}

  public static void main(String[] args) {
    List<String> argv = Arrays.asList(args);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      if (!argv.isEmpty() && argv.get(0).equals("preview")) {
        code = PreviewCommands.preview(argv.subList(1, argv.size()), System.getenv(), out, err);
      } else if (argv.isEmpty() || argv.get(0).equals("serve")) {
        code = serve();
      } else if (argv.get(0).equals("cds-training")) {
        code = cdsTraining(err);
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
      log().error("desk-stats failed unexpectedly", e);
      code = 1;
    }
    // Always exit explicitly: after serve, a library's idle non-daemon thread must not keep the JVM alive.
    System.exit(code);
  }

  static final String USAGE = String.join("\n",
      "Usage: java -jar desk-stats-bot.jar [serve]     serve Slack (HTTP on PORT, or Socket Mode with SLACK_APP_TOKEN)",
      "       java -jar desk-stats-bot.jar preview …   print a report; see 'preview --help'",
      "       java -jar desk-stats-bot.jar cds-training   start twice against stand-ins (the image's AppCDS training)");

  /** The image build's training run (see {@link CdsTraining}): 0 when both starts became healthy. */
  private static int cdsTraining(PrintStream err) {
    try {
      CdsTraining.Trained trained = CdsTraining.run();
      if (trained.healthy()) return 0;
      err.println("desk-stats: the training run's starts answered /health with " + trained.health() + ".");
    } catch (java.io.IOException | Bot.StartupException e) {
      err.println("desk-stats: the training run failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }

  /**
   * Reads the settings and serves: logging is set up meanwhile in a thread of its own, beside the settings and the
   * {@link HeadStart}, none of which logs.
   */
  private static int serve() {
    Thread logging = HeadStart.setUpLogging();
    Settings settings;
    HeadStart head;
    try {
      settings = Settings.fromEnvironment().requireForServing();
      head = HeadStart.begin(settings);
    } finally {
      joinUninterruptibly(logging);
    }
    return serve(settings, head);
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Serves Slack until SIGTERM, then stops taking requests, finishes replies in flight and exits. */
  static int serve(Settings settings, HeadStart head) {
    Bot.Running running;
    try {
      running = Bot.start(settings, Clock.systemUTC(), head);
    } catch (Bot.StartupException e) {
      log().error("desk-stats could not start: {}", e.getMessage());
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
      log().warn("Cannot handle SIGTERM here ({}); the shutdown hook stops the bot instead", e.getMessage());
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
