package com.deskstats.testing;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local fake of the Slack Web API over real HTTP: point SLACK_API_URL (or SlackConfig's
 * methodsEndpointUrlPrefix) at {@link #apiUrl()}. Records every call with its parameters.
 *
 * <p>Answers auth.test, users.info (with the user's {@link #locale} when {@code include_locale=true} is sent),
 * usergroups.users.list, chat.postMessage, chat.update, views.publish,
 * conversations.info (a channel not described with {@link #channel} is a public channel the bot is in;
 * {@link #hiddenChannel} is one it cannot see), conversations.open,
 * files.getUploadURLExternal, the upload POST itself and files.completeUploadExternal. Unknown methods
 * answer {@code unknown_method} unless scripted with {@link #answer}. Errors, 429s and 5xx answers can be
 * queued per method with {@link #failNext}, {@link #rateLimitNext} and {@link #httpErrorNext}, and a connection
 * dropped before any answer with {@link #dropNext}, and an empty HTTP 200 answer with {@link #emptyAnswerNext}.
 */
public final class FakeSlack implements AutoCloseable {

  /** A workspace member as users.info shows it. */
  public record User(String id, String name, String email, boolean isAdmin, boolean isOwner) {}

  /**
   * One recorded request.
   *
   * @param method the Web API method (e.g. chat.postMessage), or "upload" for the file upload POST
   * @param params form parameters, or for a JSON body its top-level fields (objects and arrays as JSON text)
   * @param body the raw body (for uploads: ISO-8859-1 text of the bytes; see {@link #bodyBytes})
   * @param bodyBytes the raw body bytes
   * @param authorization the Authorization header, or null
   * @param status the HTTP status the fake answered (0: the connection was dropped, see {@link #dropNext})
   * @param ok whether the answer was {@code "ok": true}
   */
  public record Call(String method, Map<String, String> params, String body, byte[] bodyBytes,
      String contentType, String authorization, int status, boolean ok) {
    /** A parameter, or null. */
    public String param(String name) {
      return params.get(name);
    }

    /** A parameter that holds JSON (blocks, view, files…), parsed. */
    public JsonElement json(String name) {
      String v = params.get(name);
      return v == null ? null : JsonParser.parseString(v);
    }
  }

  private sealed interface Fault permits ErrorFault, HttpFault, DropFault, EmptyFault {}

  private record ErrorFault(String error) implements Fault {}

  private record HttpFault(int status, int retryAfterSeconds) implements Fault {}

  private record DropFault() implements Fault {}

  private record EmptyFault() implements Fault {}

  private static final Gson GSON = new Gson();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "fake-slack");
    t.setDaemon(true);
    return t;
  });
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, String> locales = new ConcurrentHashMap<>();
  private final Set<String> failingUsers = ConcurrentHashMap.newKeySet();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Set<String> hidden = ConcurrentHashMap.newKeySet();
  private volatile String scopes;

  /** A channel as conversations.info shows it. */
  private record Channel(String name, boolean member, boolean isPrivate) {}
  private final Map<String, List<String>> userGroups = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final Map<String, Function<Call, String>> scripted = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile String requiredToken;

  public FakeSlack() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(executor);
    server.createContext("/api/", this::handleApi);
    server.createContext("/upload/", this::handleUpload);
    server.start();
  }

  /** The Web API base, ending in a slash: e.g. {@code http://127.0.0.1:12345/api/}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Adds or replaces a workspace member. */
  public FakeSlack user(String id, String email, boolean isAdmin, boolean isOwner) {
    users.put(id, new User(id, id.toLowerCase(), email, isAdmin, isOwner));
    return this;
  }

  /** Adds or replaces a workspace member with no admin rights; {@code email} may be null (not visible). */
  public FakeSlack user(String id, String email) {
    return user(id, email, false, false);
  }

  /**
   * The user's Slack locale ({@code zh-CN}, {@code en-US}…), which users.info shows only when asked with
   * {@code include_locale=true}, as Slack does; a user not added yet is added with no e-mail.
   */
  public FakeSlack locale(String userId, String locale) {
    users.putIfAbsent(userId, new User(userId, userId.toLowerCase(), null, false, false));
    locales.put(userId, locale);
    return this;
  }

  /** Every users.info about this user answers {@code fatal_error} until {@link #recover} is called. */
  public FakeSlack failUser(String userId) {
    failingUsers.add(userId);
    return this;
  }

  /** users.info about this user answers again. */
  public FakeSlack recover(String userId) {
    failingUsers.remove(userId);
    return this;
  }

  /** The users.info calls that asked for a locale (include_locale=true), in arrival order. */
  public List<Call> localeLookups() {
    return calls("users.info").stream().filter(c -> asksLocale(c.param("include_locale"))).toList();
  }

  /** The users.info calls that did not ask for a locale (profile e-mails, admin checks), in arrival order. */
  public List<Call> profileLookups() {
    return calls("users.info").stream().filter(c -> !asksLocale(c.param("include_locale"))).toList();
  }

  /** Slack reads include_locale as a boolean: Bolt sends "1", other clients "true". */
  private static boolean asksLocale(String includeLocale) {
    return "1".equals(includeLocale) || "true".equalsIgnoreCase(includeLocale);
  }

  /** Names a channel for conversations.info: a public channel the bot is a member of. */
  public FakeSlack channel(String id, String name) {
    return channel(id, name, true, false);
  }

  /** Describes a channel for conversations.info: whether the bot is in it and whether it is private. */
  public FakeSlack channel(String id, String name, boolean member, boolean isPrivate) {
    channels.put(id, new Channel(name, member, isPrivate));
    hidden.remove(id);
    return this;
  }

  /** conversations.info answers channel_not_found for this channel (private, and the bot is not in it). */
  public FakeSlack hiddenChannel(String id) {
    hidden.add(id);
    return this;
  }

  /** Every Web API answer carries these scopes in X-OAuth-Scopes, as Slack's do; unset, none is sent. */
  public FakeSlack scopes(String... granted) {
    this.scopes = String.join(",", granted);
    return this;
  }

  /** Adds or replaces a user group (S…) and its members for usergroups.users.list (unknown ones answer no_such_subteam). */
  public FakeSlack userGroup(String id, String... members) {
    userGroups.put(id, List.of(members));
    return this;
  }

  /** When set, any call whose bearer token differs answers {@code invalid_auth}. */
  public FakeSlack requireToken(String token) {
    this.requiredToken = token;
    return this;
  }

  /** The next {@code times} calls of {@code method} answer {@code {"ok":false,"error":error}}. */
  public FakeSlack failNext(String method, String error, int times) {
    return queue(method, new ErrorFault(error), times);
  }

  /** The next {@code times} calls of {@code method} answer HTTP 429 with Retry-After. */
  public FakeSlack rateLimitNext(String method, int retryAfterSeconds, int times) {
    return queue(method, new HttpFault(429, retryAfterSeconds), times);
  }

  /** The next {@code times} calls of {@code method} answer this HTTP status (e.g. 503). */
  public FakeSlack httpErrorNext(String method, int status, int times) {
    return queue(method, new HttpFault(status, -1), times);
  }

  /**
   * The next {@code times} calls of {@code method} (or "upload") are read, recorded with status 0, and then their
   * connection is closed with no answer at all: the client sees an I/O error.
   */
  public FakeSlack dropNext(String method, int times) {
    return queue(method, new DropFault(), times);
  }

  /** The next {@code times} calls of {@code method} answer HTTP 200 with an empty body (an answer cut short). */
  public FakeSlack emptyAnswerNext(String method, int times) {
    return queue(method, new EmptyFault(), times);
  }

  /** A Web API client for this fake, authenticated with {@code token}. */
  public MethodsClient methods(String token) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl());
    config.setStatsEnabled(false);
    return Slack.getInstance(config).methods(token);
  }

  /** Answers {@code method} with the JSON that {@code answer} makes of the call (overrides the default). */
  public FakeSlack answer(String method, Function<Call, String> answer) {
    scripted.put(method, answer);
    return this;
  }

  private synchronized FakeSlack queue(String method, Fault fault, int times) {
    Deque<Fault> q = faults.computeIfAbsent(method, m -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) q.add(fault);
    return this;
  }

  private synchronized Fault nextFault(String method) {
    Deque<Fault> q = faults.get(method);
    return q == null ? null : q.poll();
  }

  /** Every call so far, in arrival order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method so far. */
  public synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Waits until at least {@code count} calls of {@code method} have been answered; returns them. */
  public synchronized List<Call> awaitCalls(String method, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (calls(method).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + count + " " + method + " calls, got " + calls(method).size() + "; all: "
            + calls.stream().map(Call::method).toList());
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return calls(method);
  }

  /** Waits for the first call of {@code method}. */
  public Call awaitCall(String method, Duration timeout) throws InterruptedException {
    return awaitCalls(method, 1, timeout).get(0);
  }

  /** Forgets recorded calls (users, channels and scripts stay). */
  public synchronized void clearCalls() {
    calls.clear();
  }

  private synchronized void record(Call call) {
    calls.add(call);
    notifyAll();
  }

  private void handleApi(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestURI().getPath().substring("/api/".length());
      byte[] bytes = ex.getRequestBody().readAllBytes();
      String body = new String(bytes, StandardCharsets.UTF_8);
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      Map<String, String> params = new LinkedHashMap<>();
      if (ex.getRequestURI().getRawQuery() != null) params.putAll(form(ex.getRequestURI().getRawQuery()));
      if (contentType != null && contentType.startsWith("application/json") && !body.isBlank()) {
        JsonObject o = JsonParser.parseString(body).getAsJsonObject();
        o.entrySet().forEach(e -> params.put(e.getKey(),
            e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
      } else {
        params.putAll(form(body));
      }
      if (auth == null && params.containsKey("token")) auth = "Bearer " + params.get("token");

      int status = 200;
      String answer;
      Map<String, String> headers = new LinkedHashMap<>();
      Fault fault = nextFault(method);
      Call probe = new Call(method, Map.copyOf(params), body, bytes, contentType, auth, 200, true);
      if (fault instanceof DropFault) {
        record(new Call(method, Map.copyOf(params), body, bytes, contentType, auth, 0, false));
        return; // closing the exchange before any response headers closes the connection
      }
      if (requiredToken != null && !("Bearer " + requiredToken).equals(auth)) {
        answer = error("invalid_auth");
      } else if (fault instanceof HttpFault h) {
        status = h.status();
        if (h.retryAfterSeconds() >= 0) headers.put("Retry-After", String.valueOf(h.retryAfterSeconds()));
        answer = status == 429 ? error("ratelimited") : "upstream error";
      } else if (fault instanceof EmptyFault) {
        answer = "";
      } else if (fault instanceof ErrorFault e) {
        answer = error(e.error());
      } else if (scripted.containsKey(method)) {
        answer = scripted.get(method).apply(probe);
      } else {
        answer = answer(method, params);
      }
      boolean ok = status == 200 && answer.contains("\"ok\":true");
      record(new Call(method, Map.copyOf(params), body, bytes, contentType, auth, status, ok));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", status == 200 || status == 429 ? "application/json; charset=utf-8" : "text/plain");
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      if (scopes != null) ex.getResponseHeaders().set("X-OAuth-Scopes", scopes);
      ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length); // 0 would mean chunked
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private void handleUpload(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] bytes = ex.getRequestBody().readAllBytes();
      String id = ex.getRequestURI().getPath().substring("/upload/".length());
      Fault fault = nextFault("upload");
      if (fault instanceof DropFault) {
        record(new Call("upload", Map.of("file_id", id), new String(bytes, StandardCharsets.ISO_8859_1), bytes,
            ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"), 0, false));
        return;
      }
      int status = fault instanceof HttpFault h ? h.status() : 200;
      record(new Call("upload", Map.of("file_id", id), new String(bytes, StandardCharsets.ISO_8859_1), bytes,
          ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"), status, status == 200));
      byte[] out = (status == 200 ? "OK - " + bytes.length : "upload failed").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private String answer(String method, Map<String, String> p) {
    return switch (method) {
      case "api.test" -> ok(Map.of());
      case "auth.test" -> ok(Map.of("url", "https://fake.slack.com/", "team", "Fake Team", "user", "deskstats",
          "team_id", "T0FAKE", "user_id", "U0BOT", "bot_id", "B0BOT", "is_enterprise_install", false));
      case "users.info" -> {
        if (failingUsers.contains(p.getOrDefault("user", ""))) yield error("fatal_error");
        User u = users.get(p.getOrDefault("user", ""));
        if (u == null) yield error("user_not_found");
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("real_name", u.name());
        profile.put("display_name", u.name());
        if (u.email() != null) profile.put("email", u.email());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", u.id());
        user.put("team_id", "T0FAKE");
        user.put("name", u.name());
        user.put("is_admin", u.isAdmin());
        user.put("is_owner", u.isOwner());
        user.put("is_bot", false);
        user.put("profile", profile);
        String locale = locales.get(u.id());
        if (asksLocale(p.get("include_locale")) && locale != null) user.put("locale", locale);
        yield ok(Map.of("user", user));
      }
      case "chat.postMessage" -> {
        String channel = p.get("channel");
        if (channel == null || channel.isBlank()) yield error("channel_not_found");
        String ts = ts();
        yield ok(Map.of("channel", channel, "ts", ts,
            "message", Map.of("type", "message", "text", p.getOrDefault("text", ""), "ts", ts, "bot_id", "B0BOT")));
      }
      case "chat.postEphemeral" -> ok(Map.of("message_ts", ts()));
      case "chat.update" -> ok(Map.of("channel", p.getOrDefault("channel", ""), "ts", p.getOrDefault("ts", ""),
          "text", p.getOrDefault("text", "")));
      case "views.publish" -> {
        String view = p.get("view");
        if (view == null) yield error("invalid_arguments");
        JsonObject v = JsonParser.parseString(view).getAsJsonObject();
        v.addProperty("id", "V" + sequence.incrementAndGet());
        yield "{\"ok\":true,\"view\":" + v + "}";
      }
      case "usergroups.users.list" -> {
        List<String> members = userGroups.get(p.getOrDefault("usergroup", ""));
        if (members == null) yield error("no_such_subteam");
        yield ok(Map.of("users", members));
      }
      case "conversations.info" -> {
        String id = p.getOrDefault("channel", "");
        if (id.isEmpty() || hidden.contains(id)) yield error("channel_not_found");
        Channel c = channels.getOrDefault(id, new Channel(id.toLowerCase(), true, false));
        yield ok(Map.of("channel", Map.of("id", id, "name", c.name(), "is_channel", !c.isPrivate(),
            "is_group", false, "is_private", c.isPrivate(), "is_archived", false, "is_member", c.member())));
      }
      case "conversations.open" -> {
        String users = p.get("users");
        if (users == null || users.isBlank() || users.contains(",")) yield error("invalid_arguments");
        yield ok(Map.of("channel", Map.of("id", "D" + users)));
      }
      case "files.getUploadURLExternal" -> {
        if (p.get("filename") == null || p.get("length") == null) yield error("invalid_arguments");
        String id = "F" + sequence.incrementAndGet();
        yield ok(Map.of("upload_url", "http://127.0.0.1:" + port() + "/upload/" + id, "file_id", id));
      }
      case "files.completeUploadExternal" -> {
        String files = p.get("files");
        if (files == null) yield error("invalid_arguments");
        List<Map<String, Object>> out = new ArrayList<>();
        JsonParser.parseString(files).getAsJsonArray().forEach(f -> {
          JsonObject o = f.getAsJsonObject();
          out.add(Map.of("id", o.get("id").getAsString(),
              "title", o.has("title") ? o.get("title").getAsString() : o.get("id").getAsString()));
        });
        yield ok(Map.of("files", out));
      }
      default -> error("unknown_method");
    };
  }

  private String ts() {
    return "1700000000." + String.format("%06d", sequence.incrementAndGet());
  }

  private static String ok(Map<String, Object> fields) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("ok", true);
    all.putAll(fields);
    return GSON.toJson(all);
  }

  private static String error(String error) {
    return "{\"ok\":false,\"error\":\"" + error + "\"}";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) return out;
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.put(k, v);
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
