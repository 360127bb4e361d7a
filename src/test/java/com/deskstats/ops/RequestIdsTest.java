package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdsTest {

  @Test
  void idsAreShortAndDistinct() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) ids.add(RequestIds.next());
    assertThat(ids).hasSize(10_000).allSatisfy(id -> assertThat(id).matches("[0-9a-z]{12}"));
  }

  @Test
  void beginPutsTheIdInTheMdcUntilClosed() {
    try (var ignored = RequestIds.begin("abc123")) {
      assertThat(MDC.get("request_id")).isEqualTo("abc123");
      assertThat(RequestIds.current()).isEqualTo("abc123");
    }
    assertThat(RequestIds.current()).isNull();
  }

  @Test
  void theIdFollowsATaskToAnotherThreadAndDoesNotStayThere() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<String> seen = new AtomicReference<>();
      try (var ignored = RequestIds.begin("req42")) {
        pool.submit(RequestIds.wrap(() -> seen.set(RequestIds.current()))).get();
      }
      assertThat(seen.get()).isEqualTo("req42");
      Future<String> after = pool.submit(RequestIds::current);
      assertThat(after.get()).isNull();

      AtomicReference<String> viaExecutor = new AtomicReference<>();
      try (var ignored = RequestIds.begin("req43")) {
        Future<?> done = pool.submit(() -> {});
        done.get();
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        RequestIds.propagating(pool).execute(() -> {
          viaExecutor.set(RequestIds.current());
          ran.countDown();
        });
        ran.await();
      }
      assertThat(viaExecutor.get()).isEqualTo("req43");
    } finally {
      pool.shutdownNow();
    }
  }
}
