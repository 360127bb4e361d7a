package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.testing.Databases;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.deskstats.testing.SlackSigner;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot as {@link Main#start} wires it, over real HTTP: Slack's Web API and response_url faked locally,
 * Desk as a MockWebServer, a fresh H2 database. One shared start for the class.
 */
class MainTest {

  static final String BOT_TOKEN = "xoxb-1111-2222-maintest";
  static final String SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(15);
  /** 20:00 in Shanghai: yesterday is closed, and the 09:00 digest was missed by more than DIGEST_GRACE, so start-up
   * posts no catch-up digest and costs no Desk call. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  static FakeSlack slack;
  static ResponseUrlServer responses;
  static MockWebServer desk;
  static Bot.Running running;
  static final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlack().requireToken(BOT_TOKEN).user("UADMIN", "admin@example.com", true, false)
        .channel("C1", "support").channel("CDIGEST", "team-digest");
    responses = new ResponseUrlServer();
    desk = DeskFakes.server();
    desk.setDispatcher(DeskFakes.pages(DeskFakes.team(12)));
    desk.start();
    running = Bot.start(Settings.load(env(Map.of(
        "DESK_API_URL", desk.url("/").toString(),
        "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID),
        "DESK_SECRET_KEY", DeskFakes.SECRET))), CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    if (running != null) running.stop();
    slack.close();
    responses.close();
    desk.shutdown();
  }

  /** The settings every start here shares, plus {@code extra}. */
  static Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "SLACK_API_URL", slack.apiUrl(),
        "SLACK_BOT_TOKEN", BOT_TOKEN,
        "SLACK_SIGNING_SECRET", SIGNING_SECRET,
        "PORT", "0",
        "DATABASE_URL", Databases.Kind.H2.freshUrl(),
        "DIGEST_CHANNEL", "CDIGEST",
        "BOT_ADMINS", "UADMIN"));
    env.putAll(extra);
    return env;
  }

  // ------------------------------------------------------------------ Slack over HTTP

  @Test
  void signedReportCommandIsAckedAndTheReportReachesTheResponseUrl() throws Exception {
    String id = "r" + ids.incrementAndGet();
    HttpResponse<String> ack = command(running, "yesterday", "U1", id);
    assertThat(ack.statusCode()).isEqualTo(200);
    Posted p = responses.await(id, WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.body()).contains("*Satisfaction*").contains("*First response*").contains("Agent 1")
        .doesNotContain("Sample data");
  }

  @Test
  void aClosedDayAskedTwiceCostsDeskOnlyOnce() throws Exception {
    String first = "r" + ids.incrementAndGet();
    int before = desk.getRequestCount();
    command(running, "2026-11-20", "U1", first);
    assertThat(responses.await(first, WAIT).body()).contains("*Satisfaction*");
    int afterFirst = desk.getRequestCount();
    assertThat(afterFirst).isGreaterThan(before);

    String second = "r" + ids.incrementAndGet();
    command(running, "2026-11-20", "U1", second);
    Posted again = responses.await(second, WAIT);
    assertThat(again.body()).contains("*Satisfaction*").contains("Agent 1");
    assertThat(desk.getRequestCount()).isEqualTo(afterFirst);
  }

  @Test
  void unparseableCommandGetsUsageAndCostsNoDeskRequest() {
    int before = desk.getRequestCount();
    for (String text : List.of("tomorrow", "agent", "last 99 days")) {
      HttpResponse<String> ack = command(running, text, "U1", "u" + ids.incrementAndGet());
      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(ack.body()).contains("Usage");
    }
    assertThat(desk.getRequestCount()).isEqualTo(before);
  }

  @Test
  void forgedRequestIsRefusedWith401AndCostsNoDeskRequest() {
    int before = desk.getRequestCount();
    HttpRequest forged = new SlackSigner("ffffffffffffffffffffffffffffffff")
        .form(events(running), commandBody("yesterday", "U1", "f" + ids.incrementAndGet()));
    assertThat(send(forged).statusCode()).isEqualTo(401);
    HttpRequest unsigned = HttpRequest.newBuilder(events(running))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(commandBody("yesterday", "U1", "f0"))).build();
    assertThat(send(unsigned).statusCode()).isEqualTo(401);
    // Signed, but for six minutes from now: the bot's own middleware, added after Bolt started, refuses it.
    long farFuture = System.currentTimeMillis() / 1000 + 6 * 60;
    HttpRequest early = signer.post(events(running), "application/x-www-form-urlencoded",
        commandBody("yesterday", "U1", "f" + ids.incrementAndGet()), farFuture);
    assertThat(send(early).statusCode()).isEqualTo(401);
    assertThat(desk.getRequestCount()).isEqualTo(before);
  }

  @Test
  void digestNowByABotAdminPostsTheReportAndChartToTheChannel() throws Exception {
    String id = "r" + ids.incrementAndGet();
    int posts = slack.calls("chat.postMessage").size();
    assertThat(command(running, "digest now", "UADMIN", "C1", id).statusCode()).isEqualTo(200);
    Posted reply = responses.await(id, WAIT);
    assertThat(reply.responseType()).isEqualTo("ephemeral");
    FakeSlack.Call post = slack.awaitCalls("chat.postMessage", posts + 1, WAIT).get(posts);
    assertThat(post.param("channel")).isEqualTo("C1");
    assertThat(post.authorization()).isEqualTo("Bearer " + BOT_TOKEN);
    assertThat(post.body()).contains("Satisfaction");
    assertThat(slack.awaitCall("upload", WAIT).bodyBytes()).startsWith(PNG);
  }

  // ------------------------------------------------------------------ operations

  @Test
  void healthSaysTheDatabaseAndSchedulerAreFine() {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(running, "/health")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
    assertThat(body.get("ready").getAsBoolean()).isTrue();
    JsonObject checks = body.getAsJsonObject("checks");
    assertThat(checks.getAsJsonObject("database").get("status").getAsString()).isEqualTo("up");
    assertThat(checks.getAsJsonObject("scheduler").get("status").getAsString()).isEqualTo("started");
  }

  @Test
  void metricsShowCommandsDeskCallsAndTheJvm() throws Exception {
    // A day no other test asks for, so this one always calls Desk.
    String id = "r" + ids.incrementAndGet();
    command(running, "2026-11-10", "U1", id);
    responses.await(id, WAIT);
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(running, "/metrics")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .containsPattern("(?m)^deskstats_commands_total\\{command=\"report\",outcome=\"ok\"} [1-9]")
        .containsPattern("(?m)^deskstats_desk_call_seconds_count\\{outcome=\"ok\"} [1-9]")
        .containsPattern("(?m)^jvm_memory_used_bytes\\{")
        .containsPattern("(?m)^jvm_threads_current ");
  }

  // ------------------------------------------------------------------ the sample team, and stop

  @Test
  void demoStartAnswersWithSampleDataAndStopClosesThePort() throws Exception {
    int deskRequests = desk.getRequestCount();
    Bot.Running demo = Bot.start(Settings.load(env(Map.of("DESK_DEMO", "true"))), CLOCK);
    int port = demo.port();
    try {
      String id = "d" + ids.incrementAndGet();
      assertThat(command(demo, "yesterday", "U1", id).statusCode()).isEqualTo(200);
      Posted p = responses.await(id, WAIT);
      assertThat(p.body()).contains("Sample data").contains("*Satisfaction*").contains("*First response*");
      assertThat(desk.getRequestCount()).isEqualTo(deskRequests);
    } finally {
      demo.stop();
    }
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  // ------------------------------------------------------------------ preview

  @TempDir
  Path tmp;

  record Printed(int code, String out, String err) {}

  static Printed preview(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PreviewCommands.preview(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStartWithinTheGraceOfAMissedDigestPostsItAndAStopRightAfterLetsTheDeliveryFinish(@TempDir Path dir)
      throws Exception {
    Clock tenOClock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    String dbUrl = "jdbc:h2:file:" + dir.resolve("catch-up") + ";AUTO_SERVER=FALSE";
    installedLongAgo(dbUrl);
    try (FakeSlack own = new FakeSlack().requireToken(BOT_TOKEN).channel("CDIGEST", "team-digest")) {
      Bot.Running r = Bot.start(Settings.load(env(Map.of("SLACK_API_URL", own.apiUrl(), "DESK_DEMO", "true",
          "DATABASE_URL", dbUrl))), tenOClock);
      try {
        assertThat(own.awaitCall("chat.postMessage", WAIT).params()).containsEntry("channel", "CDIGEST");
      } finally {
        // SIGTERM while the chart is still being uploaded: the record must not be left half-written.
        r.stop();
      }
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl);
         java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT status FROM delivery WHERE channel_id = 'CDIGEST'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("sent");
    }
  }

  @Test
  void aRestartWhoseMigrationChangedComesUpAndLogsWhichOne(@TempDir Path dir) throws Exception {
    // The schema is current, so start-up does not wait for Flyway; its check runs once the bot is up.
    String dbUrl = "jdbc:h2:file:" + dir.resolve("changed") + ";AUTO_SERVER=FALSE";
    installedLongAgo(dbUrl);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl)) {
      c.createStatement().executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'");
    }
    try (com.deskstats.testing.LogCapture logs = com.deskstats.testing.LogCapture.of(Main.class)) {
      java.util.concurrent.CountDownLatch said = logs.whenLogged("checksum mismatch for migration version 1");
      Bot.Running r = Bot.start(Settings.load(env(Map.of("DATABASE_URL", dbUrl, "DESK_DEMO", "true"))), CLOCK);
      try {
        assertThat(send(HttpRequest.newBuilder(uri(r, "/health")).build()).statusCode()).isEqualTo(200);
        assertThat(said.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      } finally {
        r.stop();
      }
    }
  }

  @Test
  void aStartThatFailsAfterTheDigestIsBuiltNeitherClaimsNorPostsTheMissedDigest(@TempDir Path dir) throws Exception {
    // 10:00 in Shanghai: the 09:00 digest was missed within DIGEST_GRACE, so a start that comes up posts it. This
    // one fails on a taken port; a crash-looping bot must not claim (and lose) the day or post a failure notice.
    Clock tenOClock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    String dbUrl = "jdbc:h2:file:" + dir.resolve("failed-start") + ";AUTO_SERVER=FALSE";
    installedLongAgo(dbUrl);
    int postsBefore = slack.calls("chat.postMessage").size();
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      assertThatThrownBy(() -> Bot.start(Settings.load(env(Map.of("PORT", String.valueOf(taken.getLocalPort()),
          "DATABASE_URL", dbUrl, "DESK_DEMO", "true"))), tenOClock)).isInstanceOf(Bot.StartupException.class);
    }

    try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl);
         java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM delivery")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(slack.calls("chat.postMessage")).hasSize(postsBefore);
  }

  @Test
  void previewDemoPrintsBothBoardsMarkedAsSample() {
    Printed p = preview("--demo");
    assertThat(p.code()).isZero();
    assertThat(p.out()).contains("SAMPLE DATA").contains("Satisfaction · at least")
        .contains("First response · agents who answered").contains("Needs attention");
    assertThat(p.err()).isEmpty();
  }

  @Test
  void previewDemoJsonIsBlockKit() {
    Printed p = preview("--demo", "--json");
    assertThat(p.code()).isZero();
    JsonObject json = JsonParser.parseString(p.out()).getAsJsonObject();
    assertThat(json.getAsJsonArray("blocks")).isNotEmpty();
    assertThat(json.get("text").getAsString()).contains("Sample data");
  }

  @Test
  void previewDemoChartWritesAPng() throws Exception {
    Path png = tmp.resolve("chart.png");
    Printed p = preview("--demo", "--chart", png.toString());
    assertThat(p.code()).isZero();
    assertThat(Files.readAllBytes(png)).startsWith(PNG);
    assertThat(p.out()).contains("Chart written to " + png);
  }

  @Test
  void previewWithoutDemoReadsTheConfiguredDesk() {
    int before = desk.getRequestCount();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PreviewCommands.preview(List.of("yesterday"), Map.of(
            "DESK_API_URL", desk.url("/").toString(),
            "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID),
            "DESK_SECRET_KEY", DeskFakes.SECRET,
            "DATABASE_URL", Databases.Kind.H2.freshUrl()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Agent 1").contains("Satisfaction · at least")
        .doesNotContain("SAMPLE DATA");
    assertThat(desk.getRequestCount()).isGreaterThan(before);
  }

  @Test
  void previewWithoutDemoOrDeskCredentialsNamesTheMissingSetting() {
    assertThatThrownBy(() -> PreviewCommands.preview(List.of(), Map.of(), System.out, System.err))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DESK_SDKAPPID");
  }

  @Test
  void previewOfANonsensePeriodExits2WithOneSentence() {
    Printed p = preview("nonsense-period", "--demo");
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.out()).isEmpty();
    assertThat(p.err().strip()).isNotBlank().doesNotContain("\n").doesNotContain("Exception").endsWith(".");
  }

  // ------------------------------------------------------------------ helpers

  /** A bot that ran before (SPEC §5: a first start posts nothing for runs from before it): a restart, here. */
  static void installedLongAgo(String dbUrl) {
    javax.sql.DataSource ds = Databases.dataSource(dbUrl);
    com.deskstats.store.Database.migrate(ds);
    com.deskstats.store.Installation.since(ds, Instant.EPOCH);
  }

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static URI uri(Bot.Running r, String path) {
    return URI.create("http://127.0.0.1:" + r.port() + path);
  }

  static URI events(Bot.Running r) {
    return uri(r, "/slack/events");
  }

  static HttpResponse<String> command(Bot.Running r, String text, String user, String responseId) {
    return command(r, text, user, "C1", responseId);
  }

  static HttpResponse<String> command(Bot.Running r, String text, String user, String channel, String responseId) {
    return send(signer.form(events(r), commandBody(text, user, channel, responseId)));
  }

  static String commandBody(String text, String user, String responseId) {
    return commandBody(text, user, "C1", responseId);
  }

  /** The form body Slack sends for {@code /desk-stats text}. */
  static String commandBody(String text, String user, String channel, String responseId) {
    return MainProcessTest.commandBody(text, user, channel, responses.url(responseId));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
