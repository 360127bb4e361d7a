package com.deskstats;

import com.deskstats.config.Settings;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The image's AppCDS training run ({@code cds-training}): serves as a new install and then as the restart after it,
 * against a stand-in for Slack and the demo Desk, and asks each for {@code /health}. Run under
 * {@code -XX:ArchiveClassesAtExit}, it records the classes a real start loads, which the image then maps at every
 * start. Nothing leaves the machine, and its database is a temporary file.
 */
final class CdsTraining {
  private CdsTraining() {}

  /** What each start answered on {@code /health} (200 when it became ready). */
  record Trained(List<Integer> health) {
    boolean healthy() {
      return !health.isEmpty() && health.stream().allMatch(s -> s == 200);
    }
  }

  /** Starts the bot twice over a fresh H2 file, then stops it and removes the file. */
  static Trained run() throws IOException, Bot.StartupException, InterruptedException {
    Path dir = Files.createTempDirectory("desk-stats-cds-training");
    HttpServer slack = slackStandIn();
    try {
      Map<String, String> env = Map.of(
          "SLACK_BOT_TOKEN", "xoxb-cds-training",
          "SLACK_SIGNING_SECRET", "cds-training",
          "SLACK_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
          "DESK_DEMO", "true",
          "PORT", "0",
          "DATABASE_URL", "jdbc:h2:file:" + dir.resolve("desk-stats"));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<Integer> health = new ArrayList<>();
      for (int start = 0; start < 2; start++) { // a new install (every migration runs), then a restart
        Settings settings = Settings.load(env).requireForServing();
        Bot.Running running = Bot.start(settings, Clock.systemUTC(), HeadStart.begin(settings));
        try {
          HttpRequest ask = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + "/health"))
              .timeout(Duration.ofSeconds(10)).build();
          health.add(http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
          running.stop();
        }
      }
      return new Trained(List.copyOf(health));
    } finally {
      slack.stop(0);
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Answers Bolt's {@code auth.test} for a made-up workspace; any other method is refused as Slack would. */
  private static HttpServer slackStandIn() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/", exchange -> {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      String body = method.equals("auth.test")
          ? "{\"ok\":true,\"url\":\"https://training.invalid/\",\"team\":\"Training\",\"user\":\"deskstats\","
              + "\"team_id\":\"T0TRAINING\",\"user_id\":\"U0TRAINING\",\"bot_id\":\"B0TRAINING\"}"
          : "{\"ok\":false,\"error\":\"unknown_method\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }
}
