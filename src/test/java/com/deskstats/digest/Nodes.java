package com.deskstats.digest;

import com.deskstats.config.Settings;
import com.deskstats.delivery.Sleeper;
import com.deskstats.ops.Metrics;
import com.deskstats.store.Installation;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** Starts digest nodes for tests against one fake Slack, and stops them all afterwards. */
final class Nodes implements AutoCloseable {
  static final String BOT_TOKEN = "xoxb-test-token";

  final FakeSlack slack;
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<Digest> started = new CopyOnWriteArrayList<>();

  Nodes(FakeSlack slack) {
    this.slack = slack;
  }

  Digest start(String node, Map<String, String> env, DataSource ds, Clock clock, Metrics metrics) throws Exception {
    return start(node, env, ds, clock, metrics, waits::add);
  }

  /** As {@link #start}, with a sleeper of the test's own (for example one that moves a MutableClock on). */
  Digest start(String node, Map<String, String> env, DataSource ds, Clock clock, Metrics metrics, Sleeper sleeper)
      throws Exception {
    Settings settings = settings(env);
    installedLongAgo(ds);
    Digest d = Digest.start(settings, ds, new FakeReports(), slack.methods(BOT_TOKEN), FakeRenderer.renderer(), metrics,
        clock, new Digest.Tuning(sleeper, node, Duration.ofSeconds(1), node));
    started.add(d);
    d.catchUpMissedRuns();
    return d;
  }

  /** The first start of a new install: nothing recorded as installed before it. */
  Digest firstStart(String node, Map<String, String> env, DataSource ds, Clock clock, Metrics metrics) throws Exception {
    Digest d = Digest.start(settings(env), ds, new FakeReports(), slack.methods(BOT_TOKEN), FakeRenderer.renderer(),
        metrics, clock, new Digest.Tuning(waits::add, node, Duration.ofSeconds(1), node));
    started.add(d);
    d.catchUpMissedRuns();
    return d;
  }

  /** These tests restart a bot that has run before: the install predates every run they look at. */
  private static void installedLongAgo(DataSource ds) {
    Installation.since(ds, Instant.EPOCH);
  }

  /** Settings pointing the bot at the fake Slack, with extra variables. */
  private Settings settings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("SLACK_API_URL", slack.apiUrl());
    all.put("SLACK_BOT_TOKEN", BOT_TOKEN);
    return Settings.load(all);
  }

  /** As {@link #start}, with a misfire threshold of DIGEST_GRACE however small, so tests can make misfires. */
  Digest startWithoutMisfireFloor(String node, Map<String, String> env, DataSource ds, Clock clock, Metrics metrics)
      throws Exception {
    installedLongAgo(ds);
    Digest d = Digest.start(settings(env), ds, new FakeReports(), slack.methods(BOT_TOKEN), FakeRenderer.renderer(),
        metrics, clock, new Digest.Tuning(waits::add, node, Duration.ofSeconds(1), node, Duration.ZERO));
    started.add(d);
    d.catchUpMissedRuns();
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
