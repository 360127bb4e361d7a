package com.deskstats.slack;

import com.deskstats.ops.Metrics;
import com.deskstats.stats.Reports;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeGroups;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.SlackSigner;
import com.deskstats.text.Language;
import com.deskstats.web.WebServer;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The real Bolt app behind the real web server, with Slack, response_url and Reports faked locally. */
final class SlackHarness implements AutoCloseable {

  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String BOT_TOKEN = "xoxb-0000-1111-fake";

  /** An executor that counts submissions: "no work" means nothing was ever handed to it. */
  static final class CountingExecutor extends ThreadPoolExecutor {
    final AtomicInteger submitted = new AtomicInteger();

    CountingExecutor(int threads) {
      super(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000));
    }

    @Override
    public void execute(Runnable command) {
      submitted.incrementAndGet();
      super.execute(command);
    }
  }

  final FakeSlack slack = new FakeSlack();
  final ResponseUrlServer responses = new ResponseUrlServer();
  /** The fake behind the app, or null when a real Reports was handed in. */
  final FakeReports reports;
  final FakeDigest digest = new FakeDigest();
  final FakeGroups groups = new FakeGroups();
  final Metrics metrics = new Metrics(false);
  final CountingExecutor executor;
  final SlackApp slackApp;
  final WebServer web;
  final SlackSigner signer = new SlackSigner(SECRET);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger ids = new AtomicInteger();

  SlackHarness() {
    this(Set.of());
  }

  SlackHarness(Set<String> botAdmins) {
    this(botAdmins, new CountingExecutor(8));
  }

  SlackHarness(Set<String> botAdmins, CountingExecutor executor) {
    this(botAdmins, executor, new FakeReports());
  }

  /** With a real {@link Reports} (ReportService over a MockWebServer Desk) in place of the fake. */
  SlackHarness(Reports service) {
    this(Set.of(), new CountingExecutor(8), service);
  }

  /** With the alert rules that {@code alert}, {@code alerts} and {@code alert remove} change. */
  SlackHarness(AlertControl alerts, Set<String> botAdmins) {
    this(botAdmins, new CountingExecutor(8), new FakeReports(), null, alerts, Language.EN);
  }

  private SlackHarness(Set<String> botAdmins, CountingExecutor executor, Reports service) {
    this(botAdmins, executor, service, null, AlertControl.NONE, Language.EN);
  }

  /** With BOT_LANGUAGE {@code botLanguage}: what an asker whose Slack locale is not en or zh, or unknown, reads. */
  static SlackHarness speaking(Language botLanguage) {
    return speaking(botLanguage, AlertControl.NONE, Set.of());
  }

  /** As above, with the alert rules and the bot admins. */
  static SlackHarness speaking(Language botLanguage, AlertControl alerts, Set<String> botAdmins) {
    return new SlackHarness(botAdmins, new CountingExecutor(8), new FakeReports(), null, alerts, botLanguage);
  }

  /** The stored groups and links (a real database) and who may see; null for the read-only {@link #groups}. */
  record Stored(GroupStore groups, LinkStore links, Access access) {}

  /** The groups and links of a {@link #stored} harness. */
  final Stored stored;

  /**
   * With groups and links in a fresh H2 database and BOT_VIEWERS {@code viewers} (empty: everyone), the user group
   * cache on {@code ticker}; {@code service} null for a {@link FakeReports}.
   */
  static SlackHarness stored(Reports service, Set<String> botAdmins, Set<String> viewers, Ticker ticker) {
    return stored(service, botAdmins, viewers, ticker, Language.EN);
  }

  /** As above, with BOT_LANGUAGE {@code botLanguage}. */
  static SlackHarness stored(Reports service, Set<String> botAdmins, Set<String> viewers, Ticker ticker,
      Language botLanguage) {
    DataSource db = Databases.h2();
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    Stored stored = new Stored(new GroupStore(db, clock), new LinkStore(db, clock), new Access(viewers, botAdmins, ticker));
    return new SlackHarness(botAdmins, new CountingExecutor(8), service == null ? new FakeReports() : service, stored,
        AlertControl.NONE, botLanguage);
  }

  private SlackHarness(Set<String> botAdmins, CountingExecutor executor, Reports service, Stored stored,
      AlertControl alerts, Language botLanguage) {
    this.executor = executor;
    this.reports = service instanceof FakeReports f ? f : null;
    this.stored = stored;
    slack.requireToken(BOT_TOKEN);
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    var config = SlackApp.appConfig(BOT_TOKEN, SECRET, slack.apiUrl());
    slackApp = (stored == null
        ? new SlackApp(config, service, groups, digest, alerts, botAdmins, metrics, executor, clock, botLanguage)
        : new SlackApp(config, service, stored.groups(), stored.links(), stored.access(), digest, alerts, botAdmins,
            metrics, executor, clock, botLanguage)).start();
    HttpHandler health = ex -> {
      byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    };
    web = new WebServer(0, slackApp.app(), Map.of("/health", health)).start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + web.port() + path);
  }

  URI events() {
    return uri(WebServer.EVENTS_PATH);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fresh response_url id. */
  String nextId() {
    return "r" + ids.incrementAndGet();
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** The form body Slack sends for {@code /desk-stats text}. */
  String commandBody(String text, String user, String channel, String responseId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy-verification-token");
    f.put("team_id", "T0FAKE");
    f.put("team_domain", "fake");
    f.put("channel_id", channel);
    f.put("channel_name", "support");
    f.put("user_id", user);
    f.put("user_name", user.toLowerCase());
    f.put("command", CommandParser.COMMAND);
    f.put("text", text);
    f.put("api_app_id", "A0APP");
    f.put("response_url", responses.url(responseId));
    f.put("trigger_id", "1.2.3");
    return form(f);
  }

  HttpResponse<String> command(String text, String user, String channel, String responseId) {
    return send(signer.form(events(), commandBody(text, user, channel, responseId)));
  }

  HttpResponse<String> command(String text, String responseId) {
    return command(text, "U1", "C1", responseId);
  }

  /** A block_actions payload for a click on one of the report's buttons. */
  String actionBody(String actionId, String value, String user, String channel, boolean ephemeral, String responseId) {
    JsonObject p = new JsonObject();
    p.addProperty("type", "block_actions");
    JsonObject team = new JsonObject();
    team.addProperty("id", "T0FAKE");
    team.addProperty("domain", "fake");
    p.add("team", team);
    JsonObject u = new JsonObject();
    u.addProperty("id", user);
    u.addProperty("username", user.toLowerCase());
    u.addProperty("team_id", "T0FAKE");
    p.add("user", u);
    p.addProperty("api_app_id", "A0APP");
    p.addProperty("token", "legacy-verification-token");
    JsonObject container = new JsonObject();
    container.addProperty("type", "message");
    container.addProperty("message_ts", "1700000000.000100");
    container.addProperty("channel_id", channel);
    container.addProperty("is_ephemeral", ephemeral);
    p.add("container", container);
    p.addProperty("trigger_id", "1.2.3");
    JsonObject ch = new JsonObject();
    ch.addProperty("id", channel);
    ch.addProperty("name", "support");
    p.add("channel", ch);
    p.addProperty("response_url", responses.url(responseId));
    JsonObject action = new JsonObject();
    action.addProperty("action_id", actionId);
    action.addProperty("block_id", "deskstats_nav");
    action.addProperty("type", "button");
    action.addProperty("value", value);
    action.addProperty("action_ts", "1700000001.000200");
    JsonObject text = new JsonObject();
    text.addProperty("type", "plain_text");
    text.addProperty("text", "x");
    action.add("text", text);
    com.google.gson.JsonArray actions = new com.google.gson.JsonArray();
    actions.add(action);
    p.add("actions", actions);
    return form(Map.of("payload", p.toString()));
  }

  HttpResponse<String> action(String actionId, String value, boolean ephemeral, String responseId) {
    return action(actionId, value, "U1", ephemeral, responseId);
  }

  /** A click by {@code user} on one of the report's buttons in C1. */
  HttpResponse<String> action(String actionId, String value, String user, boolean ephemeral, String responseId) {
    return send(signer.form(events(), actionBody(actionId, value, user, "C1", ephemeral, responseId)));
  }

  static String homeOpened(String user) {
    return "{\"token\":\"legacy-verification-token\",\"team_id\":\"T0FAKE\",\"api_app_id\":\"A0APP\",\"type\":\"event_callback\","
        + "\"event_id\":\"Ev1\",\"event_time\":1764036000,\"event\":{\"type\":\"app_home_opened\",\"user\":\"" + user
        + "\",\"channel\":\"D1\",\"tab\":\"home\",\"event_ts\":\"1764036000.000100\"}}";
  }

  HttpResponse<String> event(String json) {
    return send(signer.json(events(), json));
  }

  @Override
  public void close() {
    web.stop(Duration.ZERO);
    slackApp.stop(Duration.ofSeconds(1));
    slack.close();
    responses.close();
  }
}
