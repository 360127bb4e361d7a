package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Metrics;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
}
