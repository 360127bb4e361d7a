package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Health;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.SocketHealth;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import com.deskstats.testing.ResponseUrlServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

/** Socket Mode end to end: a local WebSocket server stands in for Slack's wss endpoint. */
class SocketModeTest {

  /** Slack's side of a Socket Mode connection: sends envelopes, collects the app's acks. */
  static final class FakeSocket extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch opened = new CountDownLatch(1);
    final BlockingQueue<String> fromApp = new LinkedBlockingQueue<>();
    volatile WebSocket client;

    FakeSocket() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      client = conn;
      conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0APP\"}}");
      opened.countDown();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
      fromApp.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.countDown();
    }
  }

  @Test
  void slashCommandOverSocketModeIsAckedAndAnswered() throws Exception {
    FakeSocket socket = new FakeSocket();
    socket.start();
    assertThat(socket.started.await(5, TimeUnit.SECONDS)).isTrue();
    try (FakeSlack slack = new FakeSlack(); ResponseUrlServer responses = new ResponseUrlServer()) {
      slack.answer("apps.connections.open", c -> "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link\"}");
      FakeReports reports = new FakeReports();
      SlackApp app = new SlackApp(SlackApp.appConfig(SlackHarness.BOT_TOKEN, null, slack.apiUrl()), reports, new FakeDigest(),
          Set.of(), new Metrics(false), Executors.newFixedThreadPool(2), Clock.systemUTC()).start();
      try {
        app.startSocketMode("xapp-1-A0APP-0000-fake");
        assertThat(socket.opened.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(slack.calls("apps.connections.open").get(0).authorization()).isEqualTo("Bearer xapp-1-A0APP-0000-fake");

        JsonObject payload = new JsonObject();
        payload.addProperty("token", "t");
        payload.addProperty("team_id", "T0FAKE");
        payload.addProperty("channel_id", "C1");
        payload.addProperty("user_id", "U1");
        payload.addProperty("command", "/desk-stats");
        payload.addProperty("text", "yesterday public");
        payload.addProperty("api_app_id", "A0APP");
        payload.addProperty("response_url", responses.url("sm1"));
        payload.addProperty("trigger_id", "1.2.3");
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", "env-1");
        envelope.addProperty("type", "slash_commands");
        envelope.addProperty("accepts_response_payload", true);
        envelope.add("payload", payload);
        socket.client.send(envelope.toString());

        String ack = socket.fromApp.poll(5, TimeUnit.SECONDS);
        assertThat(ack).isNotNull();
        assertThat(JsonParser.parseString(ack).getAsJsonObject().get("envelope_id").getAsString()).isEqualTo("env-1");
        assertThat(responses.await("sm1", Duration.ofSeconds(5)).responseType()).isEqualTo("in_channel");
        assertThat(reports.calls).containsExactly("report 2026-11-24");
      } finally {
        app.stop(Duration.ofSeconds(1));
      }
    } finally {
      socket.stop(1000);
    }
  }

  @Test
  void socketDownForMoreThanAMinuteMakesHealthUnreadyAndReconnectingMakesItReadyAgain() throws Exception {
    FakeSocket first = new FakeSocket();
    first.start();
    assertThat(first.started.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicReference<FakeSocket> current = new AtomicReference<>(first);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    Metrics metrics = new Metrics(false);
    SocketHealth socketHealth = new SocketHealth(clock, metrics);
    Health health = new Health(Databases.h2(), () -> true, metrics, clock, socketHealth);
    FakeSocket second = new FakeSocket();
    try (FakeSlack slack = new FakeSlack()) {
      slack.answer("apps.connections.open",
          c -> "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + current.get().getPort() + "/link\"}");
      SlackApp app = new SlackApp(SlackApp.appConfig(SlackHarness.BOT_TOKEN, null, slack.apiUrl()), new FakeReports(),
          new FakeDigest(), Set.of(), metrics, Executors.newFixedThreadPool(2), Clock.systemUTC()).start();
      try {
        app.startSocketMode("xapp-1-A0APP-0000-fake", socketHealth);
        assertThat(first.opened.await(5, TimeUnit.SECONDS)).isTrue();
        await(() -> socketHealth.downSince().isEmpty());
        assertThat(health.check().ready()).isTrue();
        assertThat(health.check().checks()).containsEntry("socket", Map.of("status", "connected"));

        // Slack's end goes away, and no new endpoint answers yet.
        first.stop(1000);
        await(() -> socketHealth.downSince().isPresent());
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.check().ready()).as("a short drop is not unready").isTrue();
        clock.advance(Duration.ofSeconds(31));
        Health.HealthReport down = health.check();
        assertThat(down.ready()).isFalse();
        assertThat(Health.toJson(down)).contains("\"socket\":{\"status\":\"down\",\"down_seconds\":61")
            .contains("Socket Mode has been disconnected from Slack for 61 s");

        // A new endpoint: Bolt's session monitor reconnects by itself.
        second.start();
        assertThat(second.started.await(5, TimeUnit.SECONDS)).isTrue();
        current.set(second);
        assertThat(second.opened.await(30, TimeUnit.SECONDS)).isTrue();
        await(() -> socketHealth.downSince().isEmpty());
        assertThat(health.check().ready()).isTrue();
        assertThat(metrics.scrape()).contains("deskstats_socket_reconnects_total 1.0");
      } finally {
        app.stop(Duration.ofSeconds(1));
      }
    } finally {
      second.stop(1000);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 30 s");
      Thread.sleep(20);
    }
  }
}
