package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MetricsTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

  @Test
  void scrapeContainsEverySeriesAfterRecording() {
    Metrics metrics = new Metrics(false, clock);
    metrics.command("report", "ok");
    metrics.command("report", "ok");
    metrics.command("agent", "usage");
    metrics.deskCall("ok", 0, 250);
    metrics.deskCall("retry", 141009, 40);
    metrics.cache("hit");
    metrics.cache("miss");
    metrics.delivery("posted");
    metrics.delivery("not_in_channel");

    String text = metrics.scrape();

    assertThat(text)
        .contains("deskstats_commands_total{command=\"report\",outcome=\"ok\"} 2")
        .contains("deskstats_commands_total{command=\"agent\",outcome=\"usage\"} 1")
        .contains("# TYPE deskstats_desk_call_seconds histogram")
        .contains("deskstats_desk_call_seconds_count{outcome=\"ok\"} 1")
        .contains("deskstats_desk_call_seconds_count{outcome=\"retry\"} 1")
        .contains("deskstats_desk_call_seconds_sum{outcome=\"ok\"} 0.25")
        .contains("deskstats_desk_call_seconds_bucket{outcome=\"ok\",le=\"0.25\"} 1")
        .contains("deskstats_day_cache_total{result=\"hit\"} 1")
        .contains("deskstats_day_cache_total{result=\"miss\"} 1")
        .contains("deskstats_digest_deliveries_total{outcome=\"posted\"} 1")
        .contains("deskstats_digest_deliveries_total{outcome=\"not_in_channel\"} 1");
  }

  @Test
  void lastDeskCallGaugeShowsOnlyTheLatestOutcome() {
    Metrics metrics = new Metrics(false, clock);
    assertThat(metrics.scrape()).doesNotContain("deskstats_desk_last_call{");

    metrics.deskCall("ok", 0, 100);
    metrics.deskCall("credentials", 70003, 50);

    String text = metrics.scrape();
    assertThat(text).contains("deskstats_desk_last_call{outcome=\"credentials\"} 1")
        .doesNotContain("deskstats_desk_last_call{outcome=\"ok\"}");
    String success = text.lines().filter(l -> l.startsWith("deskstats_desk_last_success_timestamp_seconds ")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(success.split(" ")[1])).isEqualTo(clock.millis() / 1000.0);
    assertThat(metrics.lastDeskCall()).isEqualTo(new Metrics.DeskOutcome("credentials", 70003, 50, clock.millis()));
  }

  @Test
  void jvmMetricsArePresentAndSeveralInstancesCanCoexist() {
    Metrics first = new Metrics(true, clock);
    Metrics second = new Metrics(true, clock);

    for (Metrics m : new Metrics[] {first, second}) {
      assertThat(m.scrape()).contains("jvm_memory_used_bytes{area=\"heap\"}").contains("jvm_threads_current")
          .contains("jvm_gc_collection_seconds");
    }
  }
}
