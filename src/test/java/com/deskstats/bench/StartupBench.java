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
 * a child JVM with the Dockerfile's flags (read from its ENTRYPOINT), Slack's Web API a local fake in this JVM. Median of
 * {@code -Dbench.runs} (default 7) runs of each, taken in turn, with the CPU time each JVM had used by then; the
 * ratio is the median of each run's own ratio (the ratio of the medians is printed beside it).
 * By default both run from Maven's class path; {@code -Dbench.jar=true} runs both from the shaded jar, as
 * {@code java -jar} does ({@code mvn package} first); {@code -Dbench.cds=true} also maps an AppCDS archive for each
 * app, the bot's made by Main's {@code cds-training} as the Dockerfile makes it (see {@link #withArchive});
 * {@code -Dbench.jvm="FLAGS"} adds JVM flags to both (to the measured starts, not the training runs).
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
      Start[] bot = new Start[runs];
      Start[] again = new Start[runs];
      Start[] bare = new Start[runs];
      List<String> botApp = List.of("com.deskstats.Main");
      List<String> bareApp = List.of(StartupBench.class.getName(), "--bare");
      if (Boolean.getBoolean("bench.cds")) {
        // The bot is trained as the image trains it (Main's cds-training); the bare app on its own start.
        botApp = withArchive(http, slack, "bot", botApp, List.of("cds-training"));
        bareApp = withArchive(http, slack, "bare", bareApp, null);
      }
      for (int i = -1; i < runs; i++) { // run -1 warms the disk cache and is not counted
        Path data = Files.createTempDirectory("startup-bench");
        try {
          Start a = start(http, slack, botApp, data); // a new install: every migration runs
          Start r = start(http, slack, botApp, data); // a restart: the schema is current
          Start b = start(http, slack, bareApp, data);
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
      System.out.printf("StartupBench (JDK %s, %d CPUs, load average %.1f), JVM launch to healthy /health%s, median of %d"
          + " (CPU: the child's user + system time by then):%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Boolean.getBoolean("bench.cds") ? ", AppCDS archive per app" : "", runs);
      // Each run's bot and bare app start within seconds of each other: the median of their ratios is steadier on a
      // shared machine than the ratio of medians taken minutes apart.
      double restartRatio = pairedRatio(again, bare);
      System.out.printf("  bare Bolt app %s%n", summary(bare));
      System.out.printf("  bot, restart (schema current) %s: ratio %.2f (of medians %.2f; target <= 1.5: %s)%n",
          summary(again), restartRatio, median(again, Start::ms) / median(bare, Start::ms),
          restartRatio <= 1.5 ? "met" : "MISSED");
      System.out.printf("  bot, new install (every migration runs) %s: ratio %.2f (of medians %.2f)%n",
          summary(bot), pairedRatio(bot, bare), median(bot, Start::ms) / median(bare, Start::ms));
    }
    System.exit(0);
  }

  /**
   * {@code -Dbench.cds=true}: AppCDS for both apps alike, as the Dockerfile does it. A training run records the
   * classes the app loaded (dumped when it exits): the bot's is {@code trainingArgs} ({@code cds-training}, the
   * image's), the bare app's (null) its own start to a healthy /health. The measured starts map that archive.
   * AppCDS takes classes from jars only, so both apps then run from the shaded jar ({@code mvn package} first) plus
   * a jar of this class.
   */
  private static List<String> withArchive(HttpClient http, FakeSlack slack, String name, List<String> app,
      List<String> trainingArgs) throws Exception {
    Path archive = cdsDir().resolve(name + ".jsa");
    List<String> training = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive));
    training.addAll(app);
    if (trainingArgs == null) {
      start(http, slack, training);
    } else {
      training.addAll(trainingArgs);
      run(training);
    }
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
    if (!Boolean.getBoolean("bench.cds") && !Boolean.getBoolean("bench.jar")) return AckBench.classpath();
    return Path.of("target", "desk-stats-bot.jar").toAbsolutePath() + java.io.File.pathSeparator + cdsDir().resolve("bench.jar");
  }

  /**
   * The child JVM's command line: the Dockerfile's flags, the class path, then {@code mainClass} with its leading JVM
   * flags and its arguments.
   */
  private static List<String> java(List<String> mainClass) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(dockerfileFlags());
    // Extra JVM flags for both apps alike (e.g. -Xlog:class+load:file=/tmp/cl-%p.txt to see where start-up goes).
    String extra = System.getProperty("bench.jvm", "").trim();
    // Not to the training runs: an agent (a profiler) and -XX:ArchiveClassesAtExit do not go together.
    boolean training = mainClass.get(0).startsWith("-XX:ArchiveClassesAtExit");
    if (!extra.isEmpty() && !training) cmd.addAll(Arrays.asList(extra.split("\\s+")));
    cmd.addAll(List.of("-cp", classpath()));
    cmd.addAll(mainClass);
    return cmd;
  }

  /** Runs {@code mainClass} (with its arguments) in a child JVM with the measured starts' flags, to its exit. */
  private static void run(List<String> mainClass) throws Exception {
    Process child = new ProcessBuilder(java(mainClass)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not end within 120 s");
    }
    if (child.exitValue() != 0) throw new IllegalStateException(mainClass + " exited with " + child.exitValue());
  }

  /**
   * The JVM flags of the Dockerfile's ENTRYPOINT (between {@code java} and {@code -jar}), so that the benchmark
   * cannot drift from the image; without its archive, which {@code -Dbench.cds=true} replaces with its own.
   */
  static List<String> dockerfileFlags() throws java.io.IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ENTRYPOINT\\s*\\[(.*)]\\s*$").matcher(dockerfile);
    if (!m.find()) throw new IllegalStateException("no ENTRYPOINT in the Dockerfile");
    List<String> args = new ArrayList<>();
    java.util.regex.Matcher q = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
    while (q.find()) args.add(q.group(1));
    List<String> flags = new ArrayList<>(args.subList(1, args.indexOf("-jar")));
    flags.removeIf(f -> f.startsWith("-XX:SharedArchiveFile="));
    return flags;
  }

  /** One start: wall-clock milliseconds from launch to a healthy /health, and the CPU milliseconds the JVM used. */
  record Start(double ms, double cpuMs) {}

  private static double median(Start[] starts, java.util.function.ToDoubleFunction<Start> f) {
    double[] v = Arrays.stream(starts).mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }

  /** The median over runs of the bot's time over the bare app's time in the same run. */
  private static double pairedRatio(Start[] bot, Start[] bare) {
    double[] r = new double[bot.length];
    for (int i = 0; i < r.length; i++) r[i] = bot[i].ms() / bare[i].ms();
    Arrays.sort(r);
    return r[r.length / 2];
  }

  private static String summary(Start[] starts) {
    double[] ms = Arrays.stream(starts).mapToDouble(Start::ms).sorted().toArray();
    return String.format("%.0f ms (min %.0f, max %.0f), CPU %.0f ms", ms[ms.length / 2], ms[0], ms[ms.length - 1],
        median(starts, Start::cpuMs));
  }

  /** Starts {@code mainClass} in a child JVM and measures it to a healthy /health; stops it after. */
  private static Start start(HttpClient http, FakeSlack slack, List<String> mainClass) throws Exception {
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
  private static Start start(HttpClient http, FakeSlack slack, List<String> mainClass, Path data) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(java(mainClass)).redirectErrorStream(true)
        .redirectOutput(System.getProperty("bench.log") == null ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(new java.io.File(System.getProperty("bench.log"))));
    Map<String, String> env = pb.environment();
    env.put("SLACK_BOT_TOKEN", TOKEN);
    env.put("SLACK_SIGNING_SECRET", SECRET);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("DESK_DEMO", "true");
    if (System.getProperty("bench.noverify") != null) env.put("NOVERIFY", "1");
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
            double ms = (System.nanoTime() - t0) / 1e6;
            return new Start(ms, child.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN));
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
