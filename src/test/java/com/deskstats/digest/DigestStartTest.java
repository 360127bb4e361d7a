package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.ops.Metrics;
import com.deskstats.store.Delivery;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up on one replica (H2, RAM job store): missed runs inside and outside DIGEST_GRACE, restarts. */
class DigestStartTest {
  /** The default digest fires at 09:00 Shanghai = 01:00 UTC; it reports 24 Nov. */
  static final Instant FIRE = Instant.parse("2026-11-25T01:00:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Map<String, String> ENV = Map.of("DIGEST_CHANNEL", "C1", "DIGEST_GRACE", "6h");

  FakeSlack slack;
  Nodes nodes;
  DataSource ds;

  @BeforeEach
  void setUp() throws Exception {
    slack = new FakeSlack();
    nodes = new Nodes(slack);
    ds = DigestDatabases.h2();
  }

  @AfterEach
  void tearDown() throws Exception {
    nodes.close();
    slack.close();
  }

  @Test
  void aMissedRunInsideTheGracePostsOnceOnStartUpAndARestartDoesNotPostAgain() throws Exception {
    MutableClock clock = new MutableClock(FIRE.plus(Duration.ofHours(1)));
    Digest first = nodes.start("a", ENV, ds, clock, new Metrics(false));
    first.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel", "C1").containsEntry("text", "Desk digest for 2026-11-24"));
    assertThat(new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);

    first.stop();
    clock.advance(Duration.ofMinutes(5));
    Digest second = nodes.start("b", ENV, ds, clock, new Metrics(false));
    second.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void theFirstStartOfANewInstallPostsNothingForRunsFromBeforeIt() throws Exception {
    MutableClock clock = new MutableClock(FIRE.plus(Duration.ofHours(1)));
    Digest first = nodes.firstStart("a", ENV, ds, clock, new Metrics(false));
    first.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(new DeliveryStore(ds, clock).scheduled("C1", DAY)).as("nothing recorded either").isEmpty();

    // A run after the install, missed while the bot was down, still posts on the next start.
    first.stop();
    clock.advance(Duration.ofDays(1));
    Digest second = nodes.firstStart("b", ENV, ds, clock, new Metrics(false));
    second.catchUpDone().get(10, TimeUnit.SECONDS);
    assertThat(slack.calls("chat.postMessage")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("text", "Desk digest for 2026-11-25"));
  }

  @Test
  void aMissedRunOutsideTheGraceIsSkippedAndRecorded() throws Exception {
    MutableClock clock = new MutableClock(FIRE.plus(Duration.ofHours(7)));
    Metrics metrics = new Metrics(false);
    Digest d = nodes.start("a", ENV, ds, clock, metrics);
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    Delivery skipped = new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow();
    assertThat(skipped.status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(skipped.error()).hasValueSatisfying(e -> assertThat(e).contains("7h").contains("DIGEST_GRACE"));
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"skipped\"} 1.0");
    assertThat(d.control().list()).contains("skipped");
  }

  @Test
  void aClaimLeftByANodeThatDiedBeforePostingIsTakenOverAtStartUp() throws Exception {
    MutableClock clock = new MutableClock(FIRE);
    new DeliveryStore(ds, clock).claim("C1", DAY, "dead-node");
    clock.set(FIRE.plus(Duration.ofMinutes(20)));
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false));
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    Delivery taken = new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow();
    assertThat(taken.claimedBy()).isEqualTo("a");
    assertThat(taken.status()).isEqualTo(Delivery.Status.SENT);
  }

  @Test
  void aFreshClaimOfAnotherNodeIsLeftAlone() throws Exception {
    MutableClock clock = new MutableClock(FIRE);
    new DeliveryStore(ds, clock).claim("C1", DAY, "busy-node");
    clock.set(FIRE.plus(Duration.ofMinutes(5)));
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false));
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow().claimedBy()).isEqualTo("busy-node");
  }

  @Test
  void aFreshClaimLeftByANodeKilledJustBeforeARestartIsTakenOverOnceItIsStale() throws Exception {
    // The usual morning deploy: the node is killed mid-delivery at 09:00 and its replacement starts at 09:05.
    MutableClock clock = new MutableClock(FIRE);
    new DeliveryStore(ds, clock).claim("C1", DAY, "killed-node");
    clock.set(FIRE.plus(Duration.ofMinutes(5)));
    List<Duration> waited = new CopyOnWriteArrayList<>();
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false), w -> {
      waited.add(w);
      clock.advance(w);
    });
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(waited).containsExactly(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
    Delivery taken = new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow();
    assertThat(taken.claimedBy()).isEqualTo("a");
    assertThat(taken.status()).isEqualTo(Delivery.Status.SENT);
  }

  @Test
  void aFreshClaimThatItsNodeFinishesWhileStartUpWaitsIsNotPostedAgain() throws Exception {
    MutableClock clock = new MutableClock(FIRE);
    DeliveryStore store = new DeliveryStore(ds, clock);
    long id = store.claim("C1", DAY, "busy-node").orElseThrow();
    clock.set(FIRE.plus(Duration.ofMinutes(5)));
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false), w -> {
      store.markPosted(id, "1.0001", 1);
      store.markSent(id, Optional.empty());
      clock.advance(w);
    });
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(store.scheduled("C1", DAY).orElseThrow().claimedBy()).isEqualTo("busy-node");
  }

  @Test
  void stopEndsAStartUpWaitingForAnotherNodesClaimWithoutPosting() throws Exception {
    MutableClock clock = new MutableClock(FIRE);
    new DeliveryStore(ds, clock).claim("C1", DAY, "busy-node");
    clock.set(FIRE.plus(Duration.ofMinutes(5)));
    java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false), w -> {
      waiting.countDown();
      Thread.sleep(Duration.ofMinutes(10).toMillis());
      clock.advance(w);
    });
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

    d.stop();
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow().claimedBy()).isEqualTo("busy-node");
  }

  @Test
  void aStopBeforeTheCatchUpReachesItsWaitEndsTheWaitBeforeItBegins() {
    // The lost-interrupt race: stop() found no wait under way, then the catch-up began a 10-minute wait.
    java.util.concurrent.atomic.AtomicInteger slept = new java.util.concurrent.atomic.AtomicInteger();
    Digest.CatchUpWait wait = new Digest.CatchUpWait(d -> slept.incrementAndGet());
    wait.interrupt(Thread.currentThread());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> wait.sleep(Duration.ofMinutes(10)))
        .isInstanceOf(InterruptedException.class);
    assertThat(slept.get()).isZero();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aStaleClaimPastTheGraceIsRecordedAsSkippedAndCounted() throws Exception {
    MutableClock clock = new MutableClock(FIRE);
    new DeliveryStore(ds, clock).claim("C1", DAY, "dead-node");
    clock.set(FIRE.plus(Duration.ofHours(7)));
    Metrics metrics = new Metrics(false);
    Digest d = nodes.start("a", ENV, ds, clock, metrics);
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    Delivery skipped = new DeliveryStore(ds, clock).scheduled("C1", DAY).orElseThrow();
    assertThat(skipped.status()).isEqualTo(Delivery.Status.SKIPPED);
    assertThat(skipped.error()).hasValueSatisfying(e -> assertThat(e).contains("DIGEST_GRACE"));
    assertThat(metrics.scrape()).contains("deskstats_digest_deliveries_total{outcome=\"skipped\"} 1.0");
    assertThat(d.control().list()).contains("skipped").doesNotContain("in progress");
  }

  @Test
  void aSubscriptionAddedAfterTodaysTimeWaitsForItsNextRun() throws Exception {
    MutableClock clock = new MutableClock(FIRE.plus(Duration.ofHours(1)));
    new SubscriptionStore(ds).upsert(new Subscription("C2", "0 0 9 * * ?", ZoneId.of("Asia/Shanghai"), "U1",
        FIRE.plus(Duration.ofMinutes(30))));
    Digest d = nodes.start("a", Map.of(), ds, clock, new Metrics(false));
    d.catchUpDone().get(10, TimeUnit.SECONDS);

    assertThat(slack.calls("chat.postMessage")).isEmpty();
    assertThat(d.scheduler().getTrigger(Scheduling.triggerKey("C2"))).isNotNull();
    assertThat(d.started()).isTrue();
    d.stop();
    assertThat(d.started()).isFalse();
  }

  @Test
  void startUpSchedulesTheDefaultAndStoredSubscriptionsInTheirZones() throws Exception {
    MutableClock clock = new MutableClock(FIRE.minus(Duration.ofHours(3)));
    new SubscriptionStore(ds).upsert(new Subscription("C2", "0 30 8 * * ?", ZoneId.of("Europe/Berlin"), "U1", clock.instant()));
    Digest d = nodes.start("a", ENV, ds, clock, new Metrics(false));

    var c1 = (org.quartz.CronTrigger) d.scheduler().getTrigger(Scheduling.triggerKey("C1"));
    var c2 = (org.quartz.CronTrigger) d.scheduler().getTrigger(Scheduling.triggerKey("C2"));
    assertThat(c1.getCronExpression()).isEqualTo("0 0 9 * * ?");
    assertThat(c1.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
    assertThat(c1.getMisfireInstruction()).isEqualTo(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    assertThat(c2.getCronExpression()).isEqualTo("0 30 8 * * ?");
    assertThat(c2.getTimeZone().getID()).isEqualTo("Europe/Berlin");
  }
}
