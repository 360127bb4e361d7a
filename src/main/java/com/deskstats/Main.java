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
  private static final Logger log = LoggerFactory.getLogger(Main.class);

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

  /** Serves Slack until SIGTERM, then stops taking requests, finishes replies in flight and exits. */
  static int serve(Settings settings) {
    Bot.Running running;
    try {
      running = Bot.start(settings, Clock.systemUTC());
    } catch (Bot.StartupException e) {
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
}
