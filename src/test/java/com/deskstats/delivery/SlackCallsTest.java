package com.deskstats.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.testing.FakeSlack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared posting rules, as the alerts use them: replies in a thread get the same retries and failures. */
class SlackCallsTest {
  final FakeSlack slack = new FakeSlack();
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final SlackCalls calls = new SlackCalls(slack.methods("xoxb-test"), waits::add);

  @AfterEach
  void tearDown() {
    slack.close();
  }

  @Test
  void aReplyInAThreadCarriesThreadTsAndAPlainPostDoesNot() throws Exception {
    SlackCalls.Posted root = calls.post("C1", "alert", List.of());
    SlackCalls.Posted reply = calls.postInThread("C1", root.ts(), "back to normal", List.of());

    List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
    assertThat(posts.get(0).param("thread_ts")).isNull();
    assertThat(posts.get(1).param("thread_ts")).isEqualTo(root.ts());
    assertThat(posts.get(1).param("text")).isEqualTo("back to normal");
    assertThat(reply.attempts()).isEqualTo(1);
  }

  @Test
  void aRateLimitedReplyWaitsRetryAfterAndAServerErrorBacksOff() throws Exception {
    slack.rateLimitNext("chat.postMessage", 3, 1).httpErrorNext("chat.postMessage", 503, 1);

    SlackCalls.Posted p = calls.postInThread("C1", "1700000000.000001", "back", List.of());

    assertThat(p.attempts()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  @Test
  void aPermanentErrorInAThreadFailsAtOnceWithItsSentence() {
    slack.failNext("chat.postMessage", "not_in_channel", 1);

    assertThatThrownBy(() -> calls.postInThread("C1", "1700000000.000001", "back", List.of()))
        .isInstanceOfSatisfying(SlackFailure.class, f -> {
          assertThat(f.permanent()).isTrue();
          assertThat(f.attempts()).isEqualTo(1);
          assertThat(f.sentence("C1")).contains("/invite @desk-stats");
        });
    assertThat(waits).isEmpty();
  }
}
