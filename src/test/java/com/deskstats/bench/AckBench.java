package com.deskstats.bench;

import com.deskstats.ops.Metrics;
import com.deskstats.slack.CommandParser;
import com.deskstats.slack.DigestControl;
import com.deskstats.slack.SlackApp;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.SlackSigner;
import com.deskstats.web.WebServer;
import com.sun.net.httpserver.HttpHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ack latency of signed /desk-stats commands over HTTP at 8 concurrent clients, start-up time to a healthy
 * /health, and resident memory after 1,000 commands. Run: mvn -o -q test-compile exec:java -Dbench=AckBench
 */
public final class AckBench {

  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
  // Threads for the slow work (reports and replies); Main sizes its own.
  static final int WORK_THREADS = Integer.getInteger("bench.workThreads", 4);

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--serve")) {
      serve();
      return;
    }
    // The bot runs in a child JVM with the Dockerfile's GC flags, so its start-up and memory are its own
    // (exec:java would otherwise share Maven's JVM); this JVM only generates load and receives response_url posts.
    try (ResponseUrlServer responses = new ResponseUrlServer()) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      if (System.getProperty("bench.jfr") != null) cmd.add("-XX:StartFlightRecording=filename=" + System.getProperty("bench.jfr") + ",settings=profile");
      cmd.addAll(List.of("-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
          "-Dbench.workThreads=" + WORK_THREADS, "-cp", classpath(),
          AckBench.class.getName(), "--serve"));
      long t0 = System.nanoTime();
      Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("PORT ")) line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) throw new IllegalStateException("child did not start: " + line);
        int port = Integer.parseInt(line.substring(5).trim());
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CONCURRENCY)).build();
        URI healthUri = URI.create("http://127.0.0.1:" + port + "/health");
        while (http.send(HttpRequest.newBuilder(healthUri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
          Thread.onSpinWait();
        }
        double startupMs = (System.nanoTime() - t0) / 1e6;

        URI events = URI.create("http://127.0.0.1:" + port + WebServer.EVENTS_PATH);
        SlackSigner signer = new SlackSigner(SECRET);
        AtomicInteger ids = new AtomicInteger();
        // Warm-up: 400 commands, not measured.
        run(http, signer, events, responses, ids, 400, null);
        responses.await(400, Duration.ofSeconds(120));
        // Measured: 1,000 commands, 8 at a time; every one is answered through response_url.
        long[] latencies = new long[1000];
        run(http, signer, events, responses, ids, 1000, latencies);
        responses.await(1400, Duration.ofSeconds(120));
        Arrays.sort(latencies);
        String memory = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rss")).build(),
            HttpResponse.BodyHandlers.ofString()).body();

        System.out.printf("AckBench (JDK %s, %d CPUs, load average %.1f; bot in a child JVM with -XX:+UseSerialGC, %d work threads)%n",
            System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), WORK_THREADS);
        System.out.printf("start-up, JVM launch to healthy /health: %.0f ms (target < 5000 ms)%n", startupMs);
        System.out.printf("ack latency, %d concurrent signed commands, 1000 measured: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 50 ms)%n",
            CONCURRENCY, latencies[499] / 1e6, latencies[989] / 1e6, latencies[999] / 1e6);
        System.out.printf("memory after 1,400 commands, after GC: %s (target RSS < 300 MB)%n", memory);
      } finally {
        child.destroy();
        child.waitFor();
      }
    }
    System.exit(0);
  }

  /** The child: the real SlackApp behind the real WebServer; Slack's Web API is a FakeSlack in the same JVM. */
  static void serve() throws Exception {
    FakeSlack slack = new FakeSlack();
    SlackApp app = new SlackApp(SlackApp.appConfig("xoxb-0000-1111-bench", SECRET, slack.apiUrl()), new FakeReports(),
        new NoDigest(), Set.of(), new Metrics(false), Executors.newFixedThreadPool(WORK_THREADS), Clock.systemUTC()).start();
    HttpHandler health = ex -> {
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    };
    HttpHandler rss = ex -> {
      for (int i = 0; i < 3; i++) System.gc();
      long heapUsed = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
      String body;
      try {
        body = rssKb() / 1024 + " MB RSS, heap used " + heapUsed + " MB, heap committed "
            + Runtime.getRuntime().totalMemory() / (1024 * 1024) + " MB, auth.test calls " + slack.calls("auth.test").size();
      } catch (Exception e) {
        body = e.toString();
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    };
    WebServer web = new WebServer(0, app.app(), Map.of("/health", health, "/rss", rss)).start();
    System.out.println("PORT " + web.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** The project's test classpath, whether this runs under exec:java (a URLClassLoader) or plain java. */
  static String classpath() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    List<String> parts = new ArrayList<>();
    while (cl != null) {
      if (cl instanceof java.net.URLClassLoader u) {
        for (java.net.URL url : u.getURLs()) {
          try {
            parts.add(Path.of(url.toURI()).toString());
          } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      cl = cl.getParent();
    }
    return parts.isEmpty() ? System.getProperty("java.class.path") : String.join(java.io.File.pathSeparator, parts);
  }

  static void run(HttpClient http, SlackSigner signer, URI events, ResponseUrlServer responses, AtomicInteger ids, int total,
      long[] latencies) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      futures.add(clients.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          String body = form(responses.url("b" + ids.incrementAndGet()), i % 2 == 0 ? "yesterday" : "agent alice@example.com");
          HttpRequest req = signer.form(events, body);
          long start = System.nanoTime();
          HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
          long took = System.nanoTime() - start;
          if (r.statusCode() != 200) throw new IllegalStateException("ack status " + r.statusCode());
          if (latencies != null) latencies[i] = took;
        }
        return null;
      }));
    }
    for (Future<?> f : futures) f.get();
    clients.shutdown();
  }

  static String form(String responseUrl, String text) {
    return "token=t&team_id=T0FAKE&team_domain=fake&channel_id=C1&channel_name=support&user_id=U1&user_name=u1"
        + "&command=" + URLEncoder.encode(CommandParser.COMMAND, StandardCharsets.UTF_8)
        + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&api_app_id=A0APP&response_url=" + URLEncoder.encode(responseUrl, StandardCharsets.UTF_8) + "&trigger_id=1.2.3";
  }

  static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
    }
    return -1;
  }

  /** The bench sends no digest commands. */
  static final class NoDigest implements DigestControl {
    @Override
    public String subscribe(com.deskstats.text.Language lang, String channelId, Optional<LocalTime> time,
        com.deskstats.slack.DigestOptions options, String userId) {
      return "";
    }

    @Override
    public String unsubscribe(com.deskstats.text.Language lang, String channelId, boolean weekly,
        Optional<String> group, String userId) {
      return "";
    }

    @Override
    public String list(com.deskstats.text.Language lang) {
      return "";
    }

    @Override
    public String digestNow(com.deskstats.text.Language lang, String channelId, String userId) {
      return "";
    }
  }
}
