package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.DemoDesk;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.deskstats.testing.SlackSigner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bot as its own JVM, as a container runs it: exit codes, what it prints, and a graceful SIGTERM. */
class MainProcessTest {

  static final String BOT_TOKEN = "xoxb-3333-4444-processtest";
  static final String SIGNING_SECRET = "fedcba9876543210fedcba9876543210";
  static final Duration EXIT_WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tmp;

  /** A child JVM running {@code Main} with only {@code env} (plus PATH and HOME); stdout and stderr go to files. */
  final class Child {
    final Process process;
    final Path out = tmp.resolve("out-" + System.nanoTime() + ".txt");
    final Path err = tmp.resolve("err-" + System.nanoTime() + ".txt");

    Child(Map<String, String> env, String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().clear();
      copy(pb, "PATH");
      copy(pb, "HOME");
      pb.environment().putAll(env);
      process = pb.start();
    }

    private static void copy(ProcessBuilder pb, String name) {
      String v = System.getenv(name);
      if (v != null) pb.environment().put(name, v);
    }

    /** Waits for the exit; fails (and kills the child) when it does not come. */
    int exitCode() throws InterruptedException {
      if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not exit within " + EXIT_WAIT + "; stderr:\n" + stderr());
      }
      return process.exitValue();
    }

    String stdout() {
      return read(out);
    }

    String stderr() {
      return read(err);
    }

    private static String read(Path p) {
      try {
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
  }

  // ------------------------------------------------------------------ bad settings: exit 78, one line

  @Test
  void serveWithNoSettingsExits78WithOneLineNamingTheBotToken() throws Exception {
    Child c = new Child(Map.of(), "serve");
    assertThat(c.exitCode()).isEqualTo(78);
    assertThat(c.stderr().lines().toList()).singleElement().asString()
        .contains("SLACK_BOT_TOKEN").doesNotContain("Exception");
    assertThat(c.stderr()).doesNotContain("\tat ");
    assertThat(c.stdout()).isEmpty();
  }

  @Test
  void malformedPortExits78NamingPort() throws Exception {
    Child c = new Child(Map.of("PORT", "abc"));
    assertThat(c.exitCode()).isEqualTo(78);
    assertThat(c.stderr().lines().toList()).singleElement().asString().contains("PORT");
    assertThat(c.stderr()).doesNotContain("\tat ");
  }

  @Test
  void anUnknownBotLanguageExits78WithOneLineNamingIt() throws Exception {
    Child c = new Child(Map.of("BOT_LANGUAGE", "fr"), "serve");
    assertThat(c.exitCode()).isEqualTo(78);
    assertThat(c.stderr().lines().toList()).singleElement().asString().contains("BOT_LANGUAGE").contains("fr");
    assertThat(c.stderr()).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "SLACK_BOT_TOKEN, xoxp-9999-s3cr3tUserToken",
      "SLACK_BOT_TOKEN, 0123456789abcdef0123456789abcdef",
      "SLACK_APP_TOKEN, xoxb-9999-s3cr3tBotToken",
      "DATABASE_URL, postgres://deskstats:s3cr3tPassword@db.example/deskstats",
  })
  void aSecretInAMalformedVariableIsNeverEchoed(String name, String secret) throws Exception {
    Child c = new Child(Map.of(name, secret, "SLACK_SIGNING_SECRET", SIGNING_SECRET), "serve");
    assertThat(c.exitCode()).isEqualTo(78);
    assertThat(c.stderr().lines().toList()).singleElement().asString().contains(name);
    String secretPart = secret.contains("s3cr3t") ? secret.substring(secret.indexOf("s3cr3t")) : secret;
    assertThat(c.stderr() + c.stdout()).doesNotContain(secretPart).doesNotContain(SIGNING_SECRET);
  }

  // ------------------------------------------------------------------ start-up failures after valid settings

  /** The settings of a demo serve against {@code slack} on {@code port}. */
  private record FakeSlackUrl(String apiUrl) {}

  private static Map<String, String> serveEnv(FakeSlack slack, int port, String database) {
    return serveEnv(new FakeSlackUrl(slack.apiUrl()), port, database);
  }

  private static Map<String, String> serveEnv(FakeSlackUrl slack, int port, String database) {
    return Map.of(
        "SLACK_BOT_TOKEN", BOT_TOKEN,
        "SLACK_SIGNING_SECRET", SIGNING_SECRET,
        "SLACK_API_URL", slack.apiUrl(),
        "DESK_DEMO", "true",
        "DATABASE_URL", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
        "PORT", String.valueOf(port));
  }

  @Test
  void aPortInUseExits1WithOneErrorLineAndNoStackTrace() throws Exception {
    try (FakeSlack slack = new FakeSlack(); ServerSocket taken = new ServerSocket(0)) {
      slack.requireToken(BOT_TOKEN);
      Child c = new Child(serveEnv(slack, taken.getLocalPort(), "taken"), "serve");
      assertThat(c.exitCode()).isEqualTo(1);
      assertThat(c.stderr().lines().filter(l -> l.contains("ERROR")).toList()).singleElement().asString()
          .contains("could not start").contains(String.valueOf(taken.getLocalPort()));
      assertThat(c.stderr()).doesNotContain("\tat ").doesNotContain(BOT_TOKEN);
    }
  }

  @Test
  void aRefusedBotTokenExits1WithOneErrorLineAndNoStackTrace() throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      slack.requireToken("xoxb-some-other-token");
      Child c = new Child(serveEnv(slack, freePort(), "refused"), "serve");
      assertThat(c.exitCode()).isEqualTo(1);
      assertThat(c.stderr().lines().filter(l -> l.contains("ERROR")).toList()).singleElement().asString()
          .contains("could not start");
      assertThat(c.stderr()).doesNotContain("\tat ").doesNotContain(BOT_TOKEN);
    }
  }

  @Test
  void anUnreachableSlackExits1WithOneErrorLineAndNoStackTrace() throws Exception {
    int closed = freePort();
    Map<String, String> env = new java.util.HashMap<>(serveEnv(new FakeSlackUrl("http://127.0.0.1:" + closed + "/api/"),
        freePort(), "unreachable"));
    Child c = new Child(env, "serve");
    assertThat(c.exitCode()).isEqualTo(1);
    assertThat(c.stderr().lines().filter(l -> l.contains("ERROR")).toList()).singleElement().asString()
        .contains("could not start").contains("SLACK_BOT_TOKEN");
    assertThat(c.stderr()).doesNotContain("\tat ").doesNotContain(BOT_TOKEN);
  }

  // ------------------------------------------------------------------ a real serve, stopped with SIGTERM

  @Test
  void sigtermLetsTheReplyInFlightFinishThenExits0() throws Exception {
    String agent = DemoDesk.agentIds().get(0);
    try (FakeSlack slack = new FakeSlack(); FakeSlack plain = new FakeSlack().user("U1", agent);
        ResponseUrlServer responses = new ResponseUrlServer()) {
      slack.requireToken(BOT_TOKEN);
      // users.info for `agent me` waits until the test lets it go, so the reply is in flight during SIGTERM.
      CountDownLatch asked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      slack.answer("users.info", call -> {
        asked.countDown();
        try {
          release.await(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return usersInfo(plain, call);
      });

      int port = freePort();
      Child c = new Child(Map.of(
          "SLACK_BOT_TOKEN", BOT_TOKEN,
          "SLACK_SIGNING_SECRET", SIGNING_SECRET,
          "SLACK_API_URL", slack.apiUrl(),
          "DESK_DEMO", "true",
          "DATABASE_URL", "jdbc:h2:mem:process;DB_CLOSE_DELAY=-1",
          "PORT", String.valueOf(port)), "serve");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      awaitHealthy(c, http, port);

      URI events = URI.create("http://127.0.0.1:" + port + "/slack/events");
      HttpResponse<String> ack = http.send(new SlackSigner(SIGNING_SECRET).form(events,
          commandBody("agent me", "U1", "C1", responses.url("late"))), HttpResponse.BodyHandlers.ofString());
      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(asked.await(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS)).as("users.info was called").isTrue();

      c.process.destroy(); // SIGTERM
      awaitLog(c, "Stopping: no new requests");
      assertThat(responses.posted()).isEmpty();
      release.countDown();

      Posted reply = responses.await("late", EXIT_WAIT);
      assertThat(reply.body()).contains("Sample data").contains(agent.substring(0, agent.indexOf('@')));
      assertThat(c.exitCode()).as("exit code; stderr:\n%s", c.stderr()).isZero();
      assertThat(c.stderr()).contains("Stopped").doesNotContain("abandoning").doesNotContain("\tat ")
          .doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
    }
  }

  /** What the default FakeSlack answers for users.info. */
  private static String usersInfo(FakeSlack plain, FakeSlack.Call call) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain.apiUrl() + "users.info"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("user=" + call.param("user"))).build(), HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls /health until 200, for at most {@link #EXIT_WAIT}; fails at once when the child has exited. */
  private static void awaitHealthy(Child c, HttpClient http, int port) throws Exception {
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!c.process.isAlive()) throw new AssertionError("the child exited with " + c.process.exitValue() + ":\n" + c.stderr());
      try {
        if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/health never answered 200; stderr:\n" + c.stderr());
  }

  /** Polls the child's stderr for a line containing {@code text}. */
  private static void awaitLog(Child c, String text) throws InterruptedException {
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    while (!c.stderr().contains(text)) {
      if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' in the log:\n" + c.stderr());
      Thread.sleep(20);
    }
  }

  /** The form body Slack sends for {@code /desk-stats text}. */
  static String commandBody(String text, String user, String channel, String responseUrl) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy-verification-token");
    f.put("team_id", "T0FAKE");
    f.put("team_domain", "fake");
    f.put("channel_id", channel);
    f.put("channel_name", "support");
    f.put("user_id", user);
    f.put("user_name", user.toLowerCase());
    f.put("command", "/desk-stats");
    f.put("text", text);
    f.put("api_app_id", "A0APP");
    f.put("response_url", responseUrl);
    f.put("trigger_id", "1.2.3");
    return f.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
