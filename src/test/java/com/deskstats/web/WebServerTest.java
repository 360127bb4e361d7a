package com.deskstats.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.deskstats.testing.LogCapture;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  WebServer web;

  static HttpHandler text(String body) {
    return ex -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    };
  }

  @AfterEach
  void stop() {
    if (web != null) web.stop(Duration.ZERO);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void extraRoutesAnswerGetOnTheirExactPathOnly() throws Exception {
    web = new WebServer(0, null, Map.of("/health", text("ok"), "/metrics", text("m 1"))).start();
    assertThat(get("/health").body()).isEqualTo("ok");
    assertThat(get("/metrics").body()).isEqualTo("m 1");
    assertThat(get("/healthz").statusCode()).isEqualTo(404);
    assertThat(get("/health/x").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
    HttpResponse<String> wrongMethod = post("/health");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void socketModeServesNoSlackRoute() throws Exception {
    web = new WebServer(0, null, Map.of("/health", text("ok"))).start();
    assertThat(post(WebServer.EVENTS_PATH).statusCode()).isEqualTo(404);
  }

  @Test
  void httpModeRefusesAnAppWithoutRequestVerification() {
    App unverified = new App(AppConfig.builder().singleTeamBotToken("xoxb-0000-1111-fake").requestVerificationEnabled(false).build());
    assertThatThrownBy(() -> new WebServer(0, unverified, Map.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailingHandlerGets500WithoutDetails() throws Exception {
    HttpHandler broken = ex -> {
      throw new IllegalStateException("secret detail");
    };
    web = new WebServer(0, null, Map.of("/health", broken)).start();
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("secret");
  }

  @Test
  void aChunkedSlackBodyOverTheLimitIs413() throws Exception {
    App app = new App(AppConfig.builder().singleTeamBotToken("xoxb-0000-1111-fake").signingSecret("s").build());
    web = new WebServer(0, app, Map.of()).start();
    byte[] big = new byte[WebServer.MAX_BODY_BYTES + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    // A publisher of unknown length makes the client send the body chunked, with no Content-Length.
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + WebServer.EVENTS_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
  }

  @Test
  void whileStoppingNewRequestsGet503() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpHandler slow = slow(entered, release);
    web = new WebServer(0, null, Map.of("/slow", slow, "/health", text("ok"))).start();
    int port = web.port();
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    WebServer server = web;
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
    try {
      HttpResponse<String> refused = null;
      for (int i = 0; i < 5000 && refused == null; i++) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 503) refused = r;
        else Thread.onSpinWait();
      }
      assertThat(refused).as("a request during stop is refused").isNotNull();
      assertThat(refused.body()).isEqualTo("shutting down");
    } finally {
      release.countDown();
    }
    assertThat(inFlight.get(5, TimeUnit.SECONDS).body()).isEqualTo("done");
    stopping.get(6, TimeUnit.SECONDS);
    web = null;
  }

  @Test
  void stopLetsTheRequestInFlightFinishThenClosesThePort() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpHandler slow = slow(entered, release);
    web = new WebServer(0, null, Map.of("/slow", slow, "/health", text("ok"))).start();
    int port = web.port();
    CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(web.inFlight()).isEqualTo(1);
    WebServer server = web;
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
    release.countDown();
    assertThat(inFlight.get(5, TimeUnit.SECONDS).body()).isEqualTo("done");
    stopping.get(6, TimeUnit.SECONDS);
    web = null;
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void aClientThatHangsUpMidRequestIsOneShortInfoLineNotAnError() throws Exception {
    App app = new App(AppConfig.builder().singleTeamBotToken("xoxb-0000-1111-fake").signingSecret("s").build());
    web = new WebServer(0, app, Map.of()).start();
    try (LogCapture logs = LogCapture.of(WebServer.class)) {
      CountDownLatch logged = logs.whenLogged(WebServer.EVENTS_PATH);
      try (Socket s = new Socket("127.0.0.1", web.port())) {
        s.getOutputStream().write(("POST " + WebServer.EVENTS_PATH + " HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: 100\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      }
      assertThat(logged.await(10, TimeUnit.SECONDS)).as("the hang-up was logged").isTrue();
      ILoggingEvent event = logs.events().stream()
          .filter(e -> e.getFormattedMessage().contains(WebServer.EVENTS_PATH)).findFirst().orElseThrow();
      assertThat(event.getLevel()).isEqualTo(Level.INFO);
      assertThat(event.getFormattedMessage()).contains("client went away").doesNotContain("\n");
      assertThat(event.getThrowableProxy()).isNull();
    }
  }

  @Test
  void aHandlerThatFailsIsStillLoggedAsAnError() throws Exception {
    HttpHandler broken = ex -> {
      throw new IllegalStateException("boom");
    };
    web = new WebServer(0, null, Map.of("/health", broken)).start();
    try (LogCapture logs = LogCapture.of(WebServer.class)) {
      assertThat(get("/health").statusCode()).isEqualTo(500);
      assertThat(logs.events()).anySatisfy(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.ERROR);
        assertThat(e.getFormattedMessage()).contains("GET /health failed");
      });
    }
  }

  /** Answers "done" once {@code release} opens (5 s at most), after opening {@code entered}. */
  private static HttpHandler slow(CountDownLatch entered, CountDownLatch release) {
    return ex -> {
      entered.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      text("done").handle(ex);
    };
  }
}
