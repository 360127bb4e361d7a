package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.deskstats.store.DeliveryStore;
import com.deskstats.store.StoreUnavailableException;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.MutableClock;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

/**
 * Nothing half-saved: when the clustered job store cannot reach the database after the subscription row was saved,
 * the save is undone and the change refused. (Quartz's store failing while the subscription table answers has no
 * real stand-in, so the scheduler is a mock here.)
 */
class SubscribeUndoTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-24T22:00:00Z");

  @Test
  void aNewSubscriptionIsRemovedAgainAndAMovedOneRestoredWhenItCannotBeScheduled() throws Exception {
    DataSource ds = DigestDatabases.h2();
    SubscriptionStore store = new SubscriptionStore(ds);
    Subscription old = new Subscription("C3", "0 0 7 * * ?", ZONE, "U0", NOW.minusSeconds(3600));
    store.upsert(old);
    Scheduler scheduler = mock(Scheduler.class);
    when(scheduler.getTrigger(any(TriggerKey.class))).thenThrow(new JobPersistenceException("Failed to obtain DB connection",
        new SQLTransientConnectionException("Connection is not available", "08001")));
    DigestService service = new DigestService(store, new DeliveryStore(ds, new MutableClock(NOW)),
        new Scheduling(scheduler), null, Optional.empty(), "0 0 9 * * ?", ZONE, new MutableClock(NOW));

    assertThatThrownBy(() -> service.subscribe("C2", Optional.of(LocalTime.of(8, 0)), "U1"))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(store.find("C2")).isEmpty();

    assertThatThrownBy(() -> service.subscribe("C3", Optional.of(LocalTime.of(8, 0)), "U1"))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(store.find("C3")).contains(old);
  }
}
