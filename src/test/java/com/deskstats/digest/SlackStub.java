package com.deskstats.digest;

import com.deskstats.config.Settings;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local Slack Web API for the digest tests: answers chat.postMessage and the external upload flow,
 * records every call, and plays scripted answers (errors, 429 with Retry-After) first when told to.
 */
final class SlackStub implements AutoCloseable {

  /** One recorded call: the method (or "upload" for the bytes' POST), its form fields, its raw body. */
  record Call(String method, Map<String, String> form, byte[] body) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Queue<MockResponse>> scripted = new HashMap<>();
  private int ts = 100;

  SlackStub() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  /** The API base URL, as SLACK_API_URL. */
  String apiUrl() {
    return server.url("/api/").toString();
  }

  MethodsClient client() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl());
    config.setStatsEnabled(false);
    return Slack.getInstance(config).methods("xoxb-test-token");
  }

  /** Makes the next call of {@code method} answer {@code response} (queued, in order). */
  synchronized void script(String method, MockResponse response) {
    scripted.computeIfAbsent(method, k -> new ArrayDeque<>()).add(response);
  }

  static MockResponse error(String code) {
    return json("{\"ok\":false,\"error\":\"" + code + "\"}");
  }

  static MockResponse tooManyRequests(int retryAfterSeconds) {
    return json("{\"ok\":false,\"error\":\"ratelimited\"}").setResponseCode(429)
        .setHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Waits (bounded) until {@code method} was called at least {@code n} times; returns its calls. */
  synchronized List<Call> await(String method, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (calls(method).size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("Slack saw " + calls(method).size() + " " + method + " calls, wanted " + n);
      wait(Math.max(1, left / 1_000_000));
    }
    return calls(method);
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String path = request.getPath() == null ? "" : request.getPath();
    byte[] body = request.getBody().readByteArray();
    String method = path.startsWith("/upload/") ? "upload" : path.replaceFirst("^/api/", "").replaceFirst("\\?.*$", "");
    Map<String, String> form = method.equals("upload") ? Map.of() : form(new String(body, StandardCharsets.UTF_8));
    calls.add(new Call(method, form, body));
    notifyAll();
    Queue<MockResponse> q = scripted.get(method);
    if (q != null && !q.isEmpty()) return q.poll();
    return switch (method) {
      case "chat.postMessage" -> json("{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"1700000000.000" + (ts++) + "\"}");
      case "files.getUploadURLExternal" -> json("{\"ok\":true,\"upload_url\":\"" + server.url("/upload/F" + ts) + "\",\"file_id\":\"F" + (ts++) + "\"}");
      case "upload" -> new MockResponse().setBody("OK - " + body.length);
      case "auth.test" -> json("{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\"}");
      case "files.completeUploadExternal" -> json("{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"chart\"}]}");
      default -> error("unknown_method");
    };
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.isEmpty()) return out;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Settings pointing the bot at this stub, with extra variables. */
  Settings settings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("SLACK_API_URL", apiUrl());
    all.put("SLACK_BOT_TOKEN", "xoxb-test-token");
    return Settings.load(all);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
