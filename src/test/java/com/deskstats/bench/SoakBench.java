package com.deskstats.bench;

import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.RestartablePostgres;
import com.deskstats.testing.SlackSigner;
import com.deskstats.web.WebServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.MockWebServer;

/**
 * Soak: the whole bot ({@code com.deskstats.Main}, as deployed) in a child JVM on embedded PostgreSQL, 10 signed
 * commands a second of mixed kinds for {@code -Dbench.minutes} (default 10), while a digest fires every minute (the
 * default subscription's cron, plus one new channel subscribed for the next minute, which really posts). Reports
 * errors, ack p99, the child's RSS and live threads at the start and the end, and database connections in use.
 * Run: mvn -q test-compile exec:java -Dbench=SoakBench -Dbench.minutes=3
 */
public final class SoakBench {

  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String BOT_TOKEN = "xoxb-0000-1111-soak";
  static final double MINUTES = Double.parseDouble(System.getProperty("bench.minutes", "10"));
  static final int PER_SECOND = Integer.getInteger("bench.rate", 10);
  static final ZoneId DESK_ZONE = ZoneId.of("Asia/Shanghai");
  static final String[] KINDS = {"yesterday", "last 7 days", "agent agent-0003", "subscriptions", "this week",
      "2026-11-20", "last 3 days public", "help"};

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("soak");
    Path log = Path.of("target", "soak-child.log").toAbsolutePath();
    try (RestartablePostgres pg = new RestartablePostgres(dir.resolve("pg"));
        FakeSlack slack = new FakeSlack().requireToken(BOT_TOKEN).user("UADMIN", "admin@example.com", true, false)
            .channel("CDIGEST", "digest");
        ResponseUrlServer responses = new ResponseUrlServer()) {
      MockWebServer desk = DeskFakes.server();
      desk.setDispatcher(DeskFakes.pages(DeskFakes.team(200)));
      desk.start();
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", AckBench.classpath(),
          "com.deskstats.Main"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
      env.put("SLACK_SIGNING_SECRET", SECRET);
      env.put("SLACK_API_URL", slack.apiUrl());
      env.put("PORT", String.valueOf(port));
      env.put("DATABASE_URL", pg.jdbcUrl());
      env.put("DATABASE_USER", "postgres");
      env.put("DESK_API_URL", desk.url("/").toString());
      env.put("DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID));
      env.put("DESK_SECRET_KEY", DeskFakes.SECRET);
      env.put("DIGEST_CHANNEL", "CDIGEST");
      env.put("DIGEST_CRON", "0 * * * * ?");
      env.put("BOT_ADMINS", "UADMIN");
      Process child = pb.start();
      try {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!healthy(http, base)) {
          if (System.nanoTime() > deadline || !child.isAlive()) throw new IllegalStateException("the bot did not start; see " + log);
          Thread.sleep(100);
        }
        SlackSigner signer = new SlackSigner(SECRET);
        URI events = base.resolve(WebServer.EVENTS_PATH);
        // Warm-up: 100 commands, not measured.
        Load warm = load(http, signer, events, responses, 10, "w");
        warm.await(responses, Duration.ofSeconds(60));
        Map<String, Double> start = metrics(http, base);
        int startConnections = connections(pg);

        int total = (int) Math.round(MINUTES * 60 * PER_SECOND);
        long t0 = System.nanoTime();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger maxConnections = new AtomicInteger(startConnections);
        AtomicInteger maxActive = new AtomicInteger();
        sampler.scheduleAtFixedRate(() -> {
          try {
            maxConnections.accumulateAndGet(connections(pg), Math::max);
            maxActive.accumulateAndGet(active(pg), Math::max);
          } catch (Exception e) {
            System.err.println("sampling failed: " + e);
          }
        }, 0, 2, TimeUnit.SECONDS);
        Load run = load(http, signer, events, responses, total, "m");
        run.await(responses, Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.shutdownNow();
        Map<String, Double> end = metrics(http, base);
        int endConnections = connections(pg);

        List<Long> acks = new ArrayList<>(run.acks);
        Collections.sort(acks);
        long answered = run.ids.stream().filter(id -> answered(responses, id)).count();
        long failedReplies = run.ids.stream().flatMap(id -> responses.posted(id).stream())
            .filter(p -> p.body().contains("went wrong") || p.body().contains("busy with other reports")
                || p.body().contains("can't be saved")).count();
        long logErrors = Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).count();
        long logWarns = Files.readAllLines(log).stream().filter(l -> l.contains(" WARN ")).count();
        long digests = slack.calls("chat.postMessage").size();

        System.out.printf("SoakBench (JDK %s, %d CPUs, load average %.1f; bot = com.deskstats.Main in a child JVM, "
                + "-XX:+UseSerialGC, embedded PostgreSQL, Desk team of 200)%n", System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("ran %.1f min (sending %.1f min): %d commands at %d/s (%s), %d digests posted, %d subscribes%n",
            seconds / 60, run.sendingNanos / 6e10, total, PER_SECOND, String.join(" | ", KINDS), digests, run.subscribes.get());
        System.out.printf("errors: %d non-200 acks, %d unanswered, %d error replies; child log: %d ERROR, %d WARN lines%n",
            run.badAcks.get(), total - answered, failedReplies, logErrors, logWarns);
        System.out.printf("ack latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(acks, 0.50), pct(acks, 0.99),
            acks.isEmpty() ? 0 : acks.get(acks.size() - 1) / 1e6);
        System.out.printf("RSS: %.0f MB at start, %.0f MB at end; live threads: %.0f at start, %.0f at end%n",
            start.getOrDefault("process_resident_memory_bytes", -1d) / 1048576,
            end.getOrDefault("process_resident_memory_bytes", -1d) / 1048576,
            start.getOrDefault("jvm_threads_current", -1d), end.getOrDefault("jvm_threads_current", -1d));
        System.out.printf("database connections (PostgreSQL client backends, incl. this bench's probe): %d at start, "
            + "max %d, %d at end; max active at once %d%n", startConnections, maxConnections.get(), endConnections,
            maxActive.get());
      } finally {
        child.destroy();
        child.waitFor(20, TimeUnit.SECONDS);
        desk.shutdown();
      }
    }
    System.exit(0);
  }

  /** One run of commands at PER_SECOND, and what came back. */
  static final class Load {
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    final List<Long> acks = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger badAcks = new AtomicInteger();
    final AtomicInteger subscribes = new AtomicInteger();
    final AtomicInteger outstanding = new AtomicInteger();
    volatile long sendingNanos;

    void await(ResponseUrlServer responses, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (outstanding.get() == 0 && ids.stream().allMatch(id -> answered(responses, id))) return;
        Thread.sleep(100);
      }
    }
  }

  static Load load(HttpClient http, SlackSigner signer, URI events, ResponseUrlServer responses, int total,
      String prefix) throws InterruptedException {
    Load load = new Load();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger sent = new AtomicInteger();
    AtomicLong lastMinute = new AtomicLong(-1);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    ticker.scheduleAtFixedRate(() -> {
      int i = sent.getAndIncrement();
      if (i >= total) {
        done.countDown();
        return;
      }
      String text = KINDS[i % KINDS.length];
      String user = "U" + (i % 50);
      // Once a minute: a new channel subscribed for the next minute, so a real digest posts every minute.
      long minute = System.currentTimeMillis() / 60_000;
      if (prefix.equals("m") && lastMinute.getAndSet(minute) != minute) {
        LocalTime next = LocalTime.now(DESK_ZONE).plusMinutes(1).withSecond(0).withNano(0);
        text = "subscribe <#CS" + minute + "|soak> " + next;
        user = "UADMIN";
        load.subscribes.incrementAndGet();
      }
      String id = prefix + i;
      load.ids.add(id);
      if (text.equals("help")) ID_IN_ACK.add(id);
      load.outstanding.incrementAndGet();
      HttpRequest req = signer.form(events, AckBench.form(responses.url(id), text).replace("user_id=U1", "user_id=" + user));
      long t = System.nanoTime();
      http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        load.acks.add(System.nanoTime() - t);
        if (e != null || r.statusCode() != 200) load.badAcks.incrementAndGet();
        load.outstanding.decrementAndGet();
      });
    }, 0, 1_000_000 / PER_SECOND, TimeUnit.MICROSECONDS);
    long t0 = System.nanoTime();
    done.await();
    load.sendingNanos = System.nanoTime() - t0;
    ticker.shutdownNow();
    return load;
  }

  static boolean answered(ResponseUrlServer responses, String id) {
    return !responses.posted(id).isEmpty() || ID_IN_ACK.contains(id);
  }

  /** Every run's ack-answered ids. */
  static final java.util.Set<String> ID_IN_ACK = ConcurrentHashMap.newKeySet();

  static boolean healthy(HttpClient http, URI base) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+) ([0-9.eE+-]+)$");

  /** The child's unlabelled metric samples (RSS, live threads). */
  static Map<String, Double> metrics(HttpClient http, URI base) throws Exception {
    String text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    Map<String, Double> out = new ConcurrentHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (m.matches()) out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }

  static int connections(RestartablePostgres pg) throws Exception {
    return count(pg, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
  }

  static int active(RestartablePostgres pg) throws Exception {
    return count(pg, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'active' "
        + "AND pid <> pg_backend_pid()");
  }

  private static int count(RestartablePostgres pg, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) return 0;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }
}
