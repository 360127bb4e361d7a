package com.deskstats.digest;

import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.testing.FakeReports;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** Starts digest nodes for tests against one Slack stub, and stops them all afterwards. */
final class Nodes implements AutoCloseable {
  final SlackStub slack;
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<Digest> started = new CopyOnWriteArrayList<>();

  Nodes(SlackStub slack) {
    this.slack = slack;
  }

  Digest start(String node, Map<String, String> env, DataSource ds, Clock clock, Metrics metrics) throws Exception {
    Settings settings = slack.settings(env);
    Digest d = Digest.start(settings, ds, new FakeReports(), slack.client(), FakeRenderer.renderer(), metrics, clock,
        new Digest.Tuning(waits::add, node, Duration.ofSeconds(1), node));
    started.add(d);
    return d;
  }

  @Override
  public void close() {
    // Not waiting for idle worker threads keeps the suite quick; production stop() waits.
    for (Digest d : started) {
      try {
        d.scheduler().shutdown(false);
      } catch (org.quartz.SchedulerException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
