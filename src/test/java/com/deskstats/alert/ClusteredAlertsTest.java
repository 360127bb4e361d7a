package com.deskstats.alert;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import com.deskstats.digest.Digest;
import com.deskstats.digest.Renderer;
import com.deskstats.ops.Metrics;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.stats.Groups;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.StatsFakes;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Replicas on one PostgreSQL: the alerts' job runs clustered on the digest's scheduler, each transition posts once. */
class ClusteredAlertsTest {
  static final String TOKEN = "xoxb-test-token";
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Renderer RENDERER = (report, today, now, language) -> new Renderer.Rendered("digest", List.of(), new byte[0]);

  private final List<Digest> nodes = new ArrayList<>();

  private Alerts node(String name, String url, DataSource pool, StatsFakes.FakeDays days, FakeSlack slack)
      throws Exception {
    Settings settings = Settings.load(Map.of("DATABASE_URL", url, "SLACK_API_URL", slack.apiUrl(), "SLACK_BOT_TOKEN", TOKEN));
    Alerts alerts = Alerts.create(new Alerts.Config(ZONE, Duration.ofMillis(500), new Evaluator.Params(3, Duration.ofHours(1)),
        name), pool, days, Groups.NONE, slack.methods(TOKEN), Clock.systemUTC());
    Digest digest = Digest.start(settings, pool, new FakeReports(), slack.methods(TOKEN), RENDERER, new Metrics(false),
        Clock.systemUTC(), alerts.jobs());
    nodes.add(digest);
    assertThat(digest.scheduler().getMetaData().isJobStoreClustered()).isTrue();
    alerts.schedule(digest.scheduler());
    return alerts;
  }

  @Test
  void twoClusteredNodesPostEachTransitionExactlyOnceAndARestartWhileFiringPostsNothingNew() throws Exception {
    String url = DigestDatabases.postgresUrl();
    LocalDate today = LocalDate.now(ZONE);
    StatsFakes.FakeDays days = StatsFakes.days().fetchedAt(Instant.now());
    days.on(today, row("a").sessions(10, 7).build());
    try (HikariDataSource poolA = DigestDatabases.pool(url, 6); HikariDataSource poolB = DigestDatabases.pool(url, 6);
         HikariDataSource poolC = DigestDatabases.pool(url, 6); FakeSlack slack = new FakeSlack().requireToken(TOKEN)) {
      AlertStore store = new AlertStore(poolA);
      store.add("C1", new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.empty()), "U1", Instant.now());
      try {
        Alerts a = node("node-a", url, poolA, days, slack);
        Alerts b = node("node-b", url, poolB, days, slack);

        slack.awaitCalls("chat.postMessage", 1, Duration.ofSeconds(30));
        days.on(today, row("a").sessions(12, 2).build());
        slack.awaitCalls("chat.postMessage", 2, Duration.ofSeconds(30));
        // A second rule crosses while both nodes also evaluate by hand, at the same moment, besides the schedule.
        store.add("C2", new AlertCondition(Metric.SESSIONS, Op.GE, 12, false, Optional.empty()), "U1", Instant.now());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<Alerting.Outcome>> runs = new ArrayList<>();
          for (Alerts n : List.of(a, b)) runs.add(pool.submit(() -> {
            go.await();
            return n.evaluateNow();
          }));
          go.countDown();
          for (Future<Alerting.Outcome> f : runs) f.get(30, TimeUnit.SECONDS);
        } finally {
          pool.shutdownNow();
        }
        slack.awaitCalls("chat.postMessage", 3, Duration.ofSeconds(30));
        awaitEvaluations(days, 4);

        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(3);
        assertThat(posts.get(0).param("text")).startsWith("Unreplied sessions: 7 &gt; 5");
        assertThat(posts.get(1).param("thread_ts")).isEqualTo(store.messageTs("rule:1:" + today + ":1:fired").orElseThrow());
        assertThat(posts.get(2).param("channel")).isEqualTo("C2");
        assertThat(claims(poolA)).isEqualTo(3);

        for (Digest d : nodes) d.stop();
        nodes.clear();
        // A restart while rule 2 is firing: the new node reads the state and posts nothing new.
        node("node-c", url, poolC, days, slack);
        awaitEvaluations(days, 3);
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        assertThat(new AlertStore(poolC).states().values()).anyMatch(RuleState::firing);
      } finally {
        for (Digest d : nodes) d.stop();
      }
    }
  }

  /** Waits until the alerts have read Desk {@code more} more times from now. */
  private static void awaitEvaluations(StatsFakes.FakeDays days, int more) throws InterruptedException {
    int target = days.requested().size() + more;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (days.requested().size() < target) {
      if (System.nanoTime() > deadline) throw new AssertionError("the alerts did not evaluate " + more + " more times");
      Thread.sleep(50);
    }
  }

  private static int claims(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM alert_claim")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
