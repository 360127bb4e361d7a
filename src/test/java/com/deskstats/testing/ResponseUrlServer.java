package com.deskstats.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Receives the POSTs a Slack app makes to {@code response_url}s, as Slack's hooks endpoint would. */
public final class ResponseUrlServer implements AutoCloseable {

  /** One POST: the path's id (what followed /respond/) and its JSON body. */
  public record Posted(String id, String body) {
    public JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    /** The message's text field, or null. */
    public String text() {
      JsonObject o = json();
      return o.has("text") && !o.get("text").isJsonNull() ? o.get("text").getAsString() : null;
    }

    /** "ephemeral", "in_channel", or null when absent. */
    public String responseType() {
      JsonObject o = json();
      return o.has("response_type") ? o.get("response_type").getAsString() : null;
    }

    public boolean replaceOriginal() {
      JsonObject o = json();
      return o.has("replace_original") && o.get("replace_original").getAsBoolean();
    }

    public boolean deleteOriginal() {
      JsonObject o = json();
      return o.has("delete_original") && o.get("delete_original").getAsBoolean();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "response-url");
    t.setDaemon(true);
    return t;
  });
  private final List<Posted> posted = new ArrayList<>();

  public ResponseUrlServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(executor);
    server.createContext("/respond/", this::handle);
    server.start();
  }

  /** A response_url that lands here under {@code id}. */
  public String url(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String id = ex.getRequestURI().getPath().substring("/respond/".length());
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        posted.add(new Posted(id, body));
        notifyAll();
      }
      byte[] out = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  public synchronized List<Posted> posted() {
    return List.copyOf(posted);
  }

  public synchronized List<Posted> posted(String id) {
    return posted.stream().filter(p -> p.id().equals(id)).toList();
  }

  /** Waits until {@code count} POSTs have arrived in all. */
  public synchronized List<Posted> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (posted.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("expected " + count + " response_url posts, got " + posted.size());
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(posted);
  }

  /** Waits for the first POST to {@code id}'s url. */
  public synchronized Posted await(String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (posted(id).isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("no response_url post for " + id + "; got " + posted.stream().map(Posted::id).toList());
      wait(Math.max(1, left / 1_000_000));
    }
    return posted(id).get(0);
  }

  public synchronized void clear() {
    posted.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
