package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer;
import com.deskstats.testing.SlackSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a start (or a preview) made, its end releases: no report or reply thread outlives it. */
class MainStopTest {

  static final String BOT_TOKEN = "xoxb-1111-2222-stoptest";
  static final String SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(15);
  /** 20:00 in Shanghai: the 09:00 digest was missed by more than DIGEST_GRACE, so start-up posts nothing. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void stopEndsTheReportAndReplyThreadsTheStartMade() throws Exception {
    Set<Thread> before = poolThreads();
    try (FakeSlack slack = new FakeSlack().requireToken(BOT_TOKEN).channel("C1", "support")
            .channel("CDIGEST", "team-digest");
        ResponseUrlServer responses = new ResponseUrlServer()) {
      Bot.Running running = Bot.start(Settings.load(Map.of(
          "SLACK_API_URL", slack.apiUrl(),
          "SLACK_BOT_TOKEN", BOT_TOKEN,
          "SLACK_SIGNING_SECRET", SIGNING_SECRET,
          "PORT", "0",
          "DATABASE_URL", Databases.Kind.H2.freshUrl(),
          "DIGEST_CHANNEL", "CDIGEST",
          "DESK_DEMO", "true")), CLOCK);
      try {
        // A report makes both pools start threads: the reply runs on one, its days on the others.
        String body = MainProcessTest.commandBody("yesterday", "U1", "C1", responses.url("stop"));
        HttpResponse<String> ack = HttpClient.newHttpClient().send(new SlackSigner(SIGNING_SECRET)
                .form(URI.create("http://127.0.0.1:" + running.port() + "/slack/events"), body),
            HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(responses.await("stop", WAIT).body()).contains("*Satisfaction*");
        assertThat(names(started(before))).anyMatch(n -> n.startsWith("report-")).anyMatch(n -> n.startsWith("reply-"));
      } finally {
        running.stop();
      }
    }
    assertThat(names(awaitGone(before))).as("report and reply threads alive after stop").isEmpty();
  }

  @Test
  void previewEndsItsReportThreadsBeforeReturning() throws Exception {
    Set<Thread> before = poolThreads();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = PreviewCommands.preview(List.of("--demo"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SAMPLE DATA");
    assertThat(names(awaitGone(before))).as("report threads alive after preview").isEmpty();
  }

  /** Live threads of the report and reply pools, of any instance in this JVM. */
  static Set<Thread> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && (t.getName().startsWith("report-") || t.getName().startsWith("reply-")))
        .collect(Collectors.toSet());
  }

  /** Pool threads alive now that were not alive in {@code before}: the ones this test's instance made. */
  static Set<Thread> started(Set<Thread> before) {
    Set<Thread> now = poolThreads();
    now.removeAll(before);
    return now;
  }

  /** Waits (bounded) for this instance's pool threads to end; those left after the wait. */
  static Set<Thread> awaitGone(Set<Thread> before) throws InterruptedException {
    // A pool that was shut down ends its idle threads at once; one never shut down keeps them for ever.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    for (Thread t : started(before)) t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    return started(before);
  }

  static List<String> names(Set<Thread> threads) {
    return threads.stream().map(Thread::getName).sorted().toList();
  }
}
