package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.LogCapture;
import com.deskstats.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** METRICS_TOKEN (SPEC §6): /metrics over real HTTP with the right, a wrong and no bearer token, and without one set. */
class MetricsTokenTest {
  static final String TOKEN = "s3cr3t-metrics-token-0123";
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void withATokenSetOnlyTheRightBearerTokenGetsTheMetrics() throws Exception {
    Metrics metrics = new Metrics(false);
    metrics.command("report", "ok");
    WebServer web = new WebServer(0, null, Map.of("/metrics", Health.metricsHandler(metrics, Optional.of(TOKEN)))).start();
    try (LogCapture healthLog = LogCapture.of(Health.class)) {
      HttpResponse<String> right = get(web, "Bearer " + TOKEN);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("deskstats_commands_total{command=\"report\",outcome=\"ok\"} 1.0");

      for (String wrong : new String[] {"Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), TOKEN,
          "Basic " + TOKEN}) {
        HttpResponse<String> refused = get(web, wrong);
        assertThat(refused.statusCode()).as(wrong).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("deskstats_").doesNotContain(TOKEN);
      }
      HttpResponse<String> missing = get(web, null);
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(healthLog.lines()).noneMatch(l -> l.contains(TOKEN));
    } finally {
      web.stop(Duration.ZERO);
    }
  }

  @Test
  void withoutATokenTheMetricsStayOpen() throws Exception {
    WebServer web = new WebServer(0, null, Map.of("/metrics", Health.metricsHandler(new Metrics(false), Optional.empty())))
        .start();
    try {
      assertThat(get(web, null).statusCode()).isEqualTo(200);
      assertThat(get(web, "Bearer anything").statusCode()).isEqualTo(200);
    } finally {
      web.stop(Duration.ZERO);
    }
  }

  private HttpResponse<String> get(WebServer web, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics"));
    if (authorization != null) b.header("Authorization", authorization);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
