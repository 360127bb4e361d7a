package com.deskstats.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server: {@code POST /slack/events} into a Bolt {@link App}, plus the routes Main hands in
 * (/health, /metrics). Built on the JDK's {@code com.sun.net.httpserver}: no servlet container to keep patched,
 * and Bolt's own parser and middleware (request verification included) do the Slack part.
 */
public final class WebServer {

  /** Where Slack posts commands, interactivity and events. */
  public static final String EVENTS_PATH = "/slack/events";
  /** Slack's payloads are a few KiB; anything above this is refused with 413. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /**
   * Longest time a client may take to send a request's headers and body. Slack sends each request at once
   * and gives up after 3 s; without a limit the JDK server waits for ever, so a few clients that stop
   * mid-request would hold every request thread.
   */
  public static final int MAX_REQUEST_SECONDS = 5;

  private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";

  static {
    // The JDK server reads this once, when its first server is created; an operator's own -D value wins.
    if (System.getProperty(MAX_REQ_TIME) == null) System.setProperty(MAX_REQ_TIME, String.valueOf(MAX_REQUEST_SECONDS));
  }

  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final int requestedPort;
  private final App app;
  private final SlackRequestParser parser;
  private final Map<String, HttpHandler> extraRoutes;
  private final int threads;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean stopping;
  private HttpServer server;
  private ThreadPoolExecutor executor;

  /**
   * @param port the TCP port; 0 picks a free one (see {@link #port()})
   * @param app the Bolt app for {@value #EVENTS_PATH}; null in Socket Mode, where the route is absent
   * @param extraRoutes exact paths answered on GET/HEAD, e.g. "/health" and "/metrics"
   */
  public WebServer(int port, App app, Map<String, HttpHandler> extraRoutes) {
    this(port, app, extraRoutes, 16);
  }

  /** As above, with the number of request threads. */
  public WebServer(int port, App app, Map<String, HttpHandler> extraRoutes, int threads) {
    if (app != null && (!app.config().isRequestVerificationEnabled() || app.config().getSigningSecret() == null)) {
      throw new IllegalArgumentException("HTTP mode needs the signing secret: every request must be verified");
    }
    this.requestedPort = port;
    this.app = app;
    this.parser = app == null ? null : new SlackRequestParser(app.config());
    this.extraRoutes = Map.copyOf(extraRoutes);
    this.threads = threads;
  }

  /** Binds the port and starts serving. */
  public synchronized WebServer start() {
    if (server != null) throw new IllegalStateException("already started");
    try {
      server = HttpServer.create(new InetSocketAddress(requestedPort), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + requestedPort, e);
    }
    AtomicInteger n = new AtomicInteger();
    // Bounded: a fixed pool and queue. When both are full the accepting thread runs the exchange itself,
    // which slows accepting instead of dropping connections.
    executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
      Thread t = new Thread(r, "http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(executor);
    if (app != null) server.createContext(EVENTS_PATH, guarded(EVENTS_PATH, List.of("POST"), this::slack));
    extraRoutes.forEach((path, handler) -> server.createContext(path, guarded(path, List.of("GET", "HEAD"), handler::handle)));
    server.createContext("/", ex -> send(ex, 404, "text/plain; charset=utf-8", "not found"));
    server.start();
    log.info("HTTP server listening on port {}{}", port(), app == null ? " (Socket Mode: no " + EVENTS_PATH + ")" : "");
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    HttpServer s = server;
    if (s == null) throw new IllegalStateException("not started");
    return s.getAddress().getPort();
  }

  /** Requests being handled right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops taking requests at once (they get 503), lets the ones in flight finish for up to {@code grace},
   * then closes the port. Idempotent.
   */
  public synchronized void stop(Duration grace) {
    if (server == null) return;
    // From here on new requests get 503; JDK 17's HttpServer.stop(delay) would sleep the whole delay even
    // when nothing is in flight, so wait for the in-flight count instead and then stop at once.
    stopping = true;
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        try {
          idle.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (inFlight.get() > 0) log.warn("{} requests still in flight after {}; closing them", inFlight.get(), grace);
    server.stop(0);
    executor.shutdownNow();
    server = null;
    log.info("HTTP server stopped");
  }

  /** Exact path, allowed methods, and a last-resort 500 that never shows an exception. */
  private interface Handler {
    void handle(HttpExchange ex) throws Exception;
  }

  private HttpHandler guarded(String path, List<String> methods, Handler handler) {
    return ex -> {
      inFlight.incrementAndGet();
      try {
        if (stopping) {
          ex.getResponseHeaders().set("Connection", "close");
          send(ex, 503, "text/plain; charset=utf-8", "shutting down");
          return;
        }
        if (!ex.getRequestURI().getPath().equals(path)) {
          send(ex, 404, "text/plain; charset=utf-8", "not found");
          return;
        }
        if (!methods.contains(ex.getRequestMethod().toUpperCase(Locale.ROOT))) {
          ex.getResponseHeaders().set("Allow", String.join(", ", methods));
          send(ex, 405, "text/plain; charset=utf-8", "method not allowed");
          return;
        }
        handler.handle(ex);
      } catch (IOException e) {
        // Reading the request or writing the answer failed: the client hung up or stalled past maxReqTime. Its
        // fault, not ours, and there is no one left to answer.
        log.info("{} {}: client went away ({})", ex.getRequestMethod(), path, e.getMessage());
      } catch (Exception e) {
        log.error("{} {} failed: {}", ex.getRequestMethod(), path, e.toString());
        try {
          send(ex, 500, "text/plain; charset=utf-8", "internal error");
        } catch (IOException | RuntimeException ignored) {
          // Headers were already sent; closing the exchange below ends the response.
        }
      } finally {
        ex.close();
        if (inFlight.decrementAndGet() == 0) {
          synchronized (idle) {
            idle.notifyAll();
          }
        }
      }
    };
  }

  private void slack(HttpExchange ex) throws Exception {
    byte[] bytes = readBody(ex);
    if (bytes == null) {
      send(ex, 413, "text/plain; charset=utf-8", "request body too large");
      return;
    }
    SlackRequestParser.HttpRequest http = SlackRequestParser.HttpRequest.builder()
        .requestUri(ex.getRequestURI().getPath())
        .queryString(query(ex.getRequestURI().getRawQuery()))
        .headers(new RequestHeaders(headers(ex)))
        .requestBody(new String(bytes, StandardCharsets.UTF_8))
        .remoteAddress(ex.getRemoteAddress().getAddress().getHostAddress())
        .build();
    Request<?> request;
    try {
      request = parser.parse(http);
    } catch (RuntimeException e) {
      request = null;
    }
    if (request == null) {
      send(ex, 400, "text/plain; charset=utf-8", "malformed request");
      return;
    }
    Response response = app.run(request);
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, vs) -> {
        if (!k.equalsIgnoreCase("content-length")) ex.getResponseHeaders().put(k, vs);
      });
    }
    String contentType = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
    send(ex, status, contentType, response.getBody() == null ? "" : response.getBody());
  }

  /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) return null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }
  }

  private static Map<String, List<String>> headers(HttpExchange ex) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return out;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      } catch (IllegalArgumentException ignored) {
        // A malformed query parameter is dropped; Slack never sends one.
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(status, head || out.length == 0 ? -1 : out.length);
    if (!head && out.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }
}
