package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RateGateTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();

  @Test
  void openGateDoesNotWait() throws Exception {
    new RateGate(clock, sleeps::add).awaitTurn();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anotherCallWaitsOutThePause() throws Exception {
    RateGate gate = new RateGate(clock, millis -> {
      sleeps.add(millis);
      clock.advance(Duration.ofMillis(millis));
    });
    gate.slowDown(300);

    Thread other = new Thread(() -> {
      try {
        gate.awaitTurn();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    other.start();
    other.join();

    assertThat(sleeps).containsExactly(300L);
    assertThat(gate.remainingMillis()).isZero();
  }

  @Test
  void aShorterPauseNeverShortensALongerOne() throws Exception {
    RateGate gate = new RateGate(clock, sleeps::add);
    gate.slowDown(500);
    gate.slowDown(100);
    assertThat(gate.remainingMillis()).isEqualTo(500);
  }

  @Test
  void waitsAgainWhenThePauseIsExtendedMeanwhile() throws Exception {
    RateGate[] gate = new RateGate[1];
    gate[0] = new RateGate(clock, millis -> {
      sleeps.add(millis);
      clock.advance(Duration.ofMillis(millis));
      if (sleeps.size() == 1) gate[0].slowDown(200); // another call got rate-limited while we slept
    });
    gate[0].slowDown(100);

    gate[0].awaitTurn();

    assertThat(sleeps).containsExactly(100L, 200L);
  }
}
