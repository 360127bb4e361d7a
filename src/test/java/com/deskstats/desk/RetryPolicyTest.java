package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultsAreFourAttemptsWithinTenSeconds() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.attempts()).isEqualTo(4);
    assertThat(p.baseDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.totalBudget()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void ceilingDoublesUpToTheCap() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.ceilingMillis(1)).isEqualTo(200);
    assertThat(p.ceilingMillis(2)).isEqualTo(400);
    assertThat(p.ceilingMillis(4)).isEqualTo(1600);
    assertThat(p.ceilingMillis(5)).isEqualTo(3000);
    assertThat(p.ceilingMillis(60)).isEqualTo(3000);
  }

  @Test
  void fullJitterStaysWithinTheCeilingAndSpreads() {
    RetryPolicy p = RetryPolicy.defaults();
    SplittableRandom random = new SplittableRandom(7);
    long min = Long.MAX_VALUE, max = 0;
    for (int i = 0; i < 2000; i++) {
      long d = p.backoffMillis(3, random);
      assertThat(d).isBetween(0L, 800L);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(100);
    assertThat(max).isGreaterThan(700);
  }

  @Test
  void rateLimitPauseIsAtLeastHalfTheCeiling() {
    RetryPolicy p = RetryPolicy.defaults();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      assertThat(p.rateLimitBackoffMillis(2, random)).isBetween(200L, 400L);
    }
  }
}
