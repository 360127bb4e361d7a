package com.deskstats.slack;

import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the slow part of every interaction on the reply executor, under a request id; counts and logs each
 * outcome once, and never lets an exception escape to Bolt.
 */
final class Background {
  private static final Logger log = LoggerFactory.getLogger(Background.class);

  /** Slow work: it returns its outcome for metrics, and what to send once that is counted. */
  interface Work {
    Done run() throws Exception;
  }

  /** An outcome, and the reply to send after it is counted (so a test that sees the reply sees the count). */
  record Done(String outcome, Runnable send) {
    static Done sent(String outcome) {
      return new Done(outcome, () -> { });
    }
  }

  private final ExecutorService executor;
  private final Metrics metrics;

  Background(ExecutorService executor, Metrics metrics) {
    this.executor = executor;
    this.metrics = metrics;
  }

  /**
   * Runs {@code work} on the executor, with {@code onFailure} for an exception; false when the executor is full or
   * stopping (counted as "busy"). {@code name} is the metric's label, {@code label} what the log line says.
   */
  boolean submit(String name, String label, String requestId, Work work, Runnable onFailure) {
    long started = System.nanoTime();
    try {
      executor.execute(() -> {
        try (MDC.MDCCloseable ignored = RequestIds.begin(requestId)) {
          Done result;
          try {
            result = work.run();
          } catch (Exception e) {
            log.error("{} failed", label, e);
            result = new Done("error", onFailure);
          }
          done(name, label, result.outcome(), started);
          try {
            result.send().run();
          } catch (RuntimeException e) {
            log.warn("could not send the reply: {}", e.toString());
          }
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      done(name, label, "busy", started);
      return false;
    }
  }

  /** Counts and logs one finished interaction. */
  void done(String name, String label, String outcome, long startedNanos) {
    metrics.command(name, outcome);
    log.info("{} {} in {} ms", label, outcome, (System.nanoTime() - startedNanos) / 1_000_000);
  }

  /** Stops taking work and lets the work in flight finish for up to {@code grace}. */
  void stop(Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} replies still running after {}; abandoning them", executor.shutdownNow().size(), grace);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
