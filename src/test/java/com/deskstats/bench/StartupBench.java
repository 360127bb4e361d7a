package com.deskstats.bench;

import com.deskstats.slack.SlackApp;
import com.deskstats.testing.FakeSlack;
import com.deskstats.web.WebServer;
import com.slack.api.bolt.App;
import com.sun.net.httpserver.HttpHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Start-up of the bot (Main, as {@code java -jar} runs it: H2 file database, Flyway, Quartz, Bolt's auth.test,
 * the cache warm-up) to a healthy /health, against a bare Bolt app (auth.test, then /health) started the same way.
 * The bot is measured twice per run: a new install (an empty H2 file, every migration runs) and the restart after
 * it (the schema is current: the usual start, after a deploy or a crash):
 * a child JVM with the Dockerfile's flags, Slack's Web API a local fake in this JVM. Median of
 * {@code -Dbench.runs} (default 7) runs of each, taken in turn. {@code -Dbench.cds=true} maps an AppCDS archive
 * for each app (see {@link #withArchive}); {@code -Dbench.jvm="FLAGS"} adds JVM flags to both.
 */
public final class StartupBench {

  private static final String TOKEN = "xoxb-0000-1111-bench";
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--bare")) {
      bare();
      return;
    }
    int runs = Integer.getInteger("bench.runs", 7);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try (FakeSlack slack = new FakeSlack()) {
      double[] bot = new double[runs];
      double[] again = new double[runs];
      double[] bare = new double[runs];
      List<String> botApp = List.of("com.deskstats.Main");
      List<String> bareApp = List.of(StartupBench.class.getName(), "--bare");
      if (Boolean.getBoolean("bench.cds")) {
        botApp = withArchive(http, slack, "bot", botApp);
        bareApp = withArchive(http, slack, "bare", bareApp);
      }
      for (int i = -1; i < runs; i++) { // run -1 warms the disk cache and is not counted
        Path data = Files.createTempDirectory("startup-bench");
        try {
          double a = start(http, slack, botApp, data); // a new install: every migration runs
          double r = start(http, slack, botApp, data); // a restart: the schema is current
          double b = start(http, slack, bareApp, data);
          if (i >= 0) {
            bot[i] = a;
            again[i] = r;
            bare[i] = b;
          }
        } finally {
          try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
      Arrays.sort(bot);
      Arrays.sort(again);
      Arrays.sort(bare);
      int m = runs / 2;
      System.out.printf("StartupBench (JDK %s, %d CPUs, load average %.1f), JVM launch to healthy /health%s, median of %d:%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Boolean.getBoolean("bench.cds") ? ", AppCDS archive per app" : "", runs);
      System.out.printf("  bare Bolt app %.0f ms (min %.0f, max %.0f)%n", bare[m], bare[0], bare[runs - 1]);
      System.out.printf("  bot, restart (schema current) %.0f ms (min %.0f, max %.0f): ratio %.2f (target <= 1.5: %s)%n",
          again[m], again[0], again[runs - 1], again[m] / bare[m], again[m] / bare[m] <= 1.5 ? "met" : "MISSED");
      System.out.printf("  bot, new install (every migration runs) %.0f ms (min %.0f, max %.0f): ratio %.2f%n",
          bot[m], bot[0], bot[runs - 1], bot[m] / bare[m]);
    }
    System.exit(0);
  }

  /**
   * {@code -Dbench.cds=true}: AppCDS for both apps alike, as the Dockerfile does it. A training start to a healthy
   * /health records the classes the app loaded (dumped when it exits), and the measured starts map that archive.
   * AppCDS takes classes from jars only, so both apps then run from the shaded jar ({@code mvn package} first) plus
   * a jar of this class.
   */
  private static List<String> withArchive(HttpClient http, FakeSlack slack, String name, List<String> app)
      throws Exception {
    Path archive = cdsDir().resolve(name + ".jsa");
    List<String> training = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive));
    training.addAll(app);
    start(http, slack, training);
    if (!Files.isRegularFile(archive)) throw new IllegalStateException("no AppCDS archive was written for " + name);
    List<String> mapped = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"));
    mapped.addAll(app);
    return mapped;
  }

  private static Path cdsDir;

  /** A directory for the archives, holding {@code bench.jar} (the test classes). */
  private static synchronized Path cdsDir() throws Exception {
    if (cdsDir != null) return cdsDir;
    Path shaded = Path.of("target", "desk-stats-bot.jar").toAbsolutePath();
    if (!Files.isRegularFile(shaded)) throw new IllegalStateException("bench.cds needs " + shaded + ": run mvn package first");
    cdsDir = Files.createTempDirectory("startup-bench-cds");
    Path classes = Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(cdsDir.resolve("bench.jar")));
        var files = Files.walk(classes)) {
      // The test classes, so that the verifier finds whatever StartupBench names (FakeSlack, …).
      for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        jar.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, jar);
        jar.closeEntry();
      }
    }
    return cdsDir;
  }

  private static String classpath() throws Exception {
    if (!Boolean.getBoolean("bench.cds")) return AckBench.classpath();
    return Path.of("target", "desk-stats-bot.jar").toAbsolutePath() + java.io.File.pathSeparator + cdsDir().resolve("bench.jar");
  }

  /** Starts {@code mainClass} in a child JVM and returns the milliseconds to a healthy /health; stops it after. */
  private static double start(HttpClient http, FakeSlack slack, List<String> mainClass) throws Exception {
    Path data = Files.createTempDirectory("startup-bench");
    try {
      return start(http, slack, mainClass, data);
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** As {@link #start(HttpClient, FakeSlack, List)} with the bot's H2 file under {@code data}, which it keeps. */
  private static double start(HttpClient http, FakeSlack slack, List<String> mainClass, Path data) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of("-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-cp", classpath()));
    // Extra JVM flags for both apps alike (e.g. -Xlog:class+load:file=/tmp/cl-%p.txt to see where start-up goes).
    String extra = System.getProperty("bench.jvm", "").trim();
    if (!extra.isEmpty()) cmd.addAll(cmd.size() - 2, Arrays.asList(extra.split("\\s+")));
    cmd.addAll(mainClass);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(System.getProperty("bench.log") == null ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(new java.io.File(System.getProperty("bench.log"))));
    Map<String, String> env = pb.environment();
    env.put("SLACK_BOT_TOKEN", TOKEN);
    env.put("SLACK_SIGNING_SECRET", SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("DESK_DEMO", "true");
    env.put("PORT", String.valueOf(port));
    env.put("DATABASE_URL", "jdbc:h2:file:" + data.resolve("desk-stats"));
    long t0 = System.nanoTime();
    Process child = pb.start();
    try {
      URI health = URI.create("http://127.0.0.1:" + port + "/health");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        try {
          if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return (System.nanoTime() - t0) / 1e6;
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        if (!child.isAlive()) throw new IllegalStateException(mainClass + " exited with " + child.exitValue());
        if (System.nanoTime() > deadline) throw new IllegalStateException(mainClass + " was not healthy within 60 s");
        Thread.sleep(5);
      }
    } finally {
      child.destroy();
      child.waitFor();
    }
  }

  /** The bare app: Bolt built and started (auth.test), then /health on the project's web server. */
  static void bare() throws Exception {
    App app = new App(SlackApp.appConfig(TOKEN, SECRET, System.getenv("SLACK_API_URL")));
    app.command("/desk-stats", (req, ctx) -> ctx.ack());
    app.start();
    HttpHandler health = ex -> {
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    };
    new WebServer(Integer.parseInt(System.getenv("PORT")), app, Map.of("/health", health)).start();
    Thread.currentThread().join();
  }
}
