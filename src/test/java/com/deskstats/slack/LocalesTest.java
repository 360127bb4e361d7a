package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeSlack;
import com.deskstats.text.Language;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's language comes from users.info with include_locale, and is trusted for a few minutes. */
class LocalesTest {

  final FakeSlack slack = new FakeSlack();
  final MethodsClient client = slack.methods("xoxb-test");
  final AtomicLong nanos = new AtomicLong();
  // Look-ups in the caller: the cache records when a language was learnt before of() returns, not a moment after
  // (which, on a busy machine, could be after the test has moved the clock on).
  final Locales locales = new Locales(Language.EN, nanos::get, new CallerRuns());

  /** An executor service that runs each task in the calling thread. */
  static final class CallerRuns extends java.util.concurrent.AbstractExecutorService {
    private volatile boolean shut;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public java.util.List<Runnable> shutdownNow() {
      shut = true;
      return java.util.List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
      return true;
    }
  }

  @AfterEach
  void close() {
    locales.stop();
    slack.close();
  }

  @Test
  void theLocaleIsAskedWithIncludeLocaleAndTrustedUntilItExpires() {
    slack.locale("U1", "zh-CN");
    assertThat(locales.known("U1")).isEqualTo(Language.EN);
    assertThat(locales.of(client, "U1")).isEqualTo(Language.ZH);
    assertThat(locales.known("U1")).isEqualTo(Language.ZH);
    slack.locale("U1", "en-US");
    nanos.addAndGet(Locales.TTL.minusSeconds(1).toNanos());
    assertThat(locales.of(client, "U1")).isEqualTo(Language.ZH);
    assertThat(slack.localeLookups()).hasSize(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(locales.of(client, "U1")).isEqualTo(Language.EN);
    assertThat(slack.localeLookups()).hasSize(2).allSatisfy(c -> assertThat(c.param("user")).isEqualTo("U1"));
  }

  @Test
  void noUserOrAnUnknownUserReadsBotLanguage() {
    Locales zh = new Locales(Language.ZH);
    try {
      assertThat(zh.of(client, null)).isEqualTo(Language.ZH);
      assertThat(zh.of(client, "UNOBODY")).isEqualTo(Language.ZH); // users.info: user_not_found
      assertThat(zh.known("UNOBODY")).isEqualTo(Language.ZH);
    } finally {
      zh.stop();
    }
  }
}
