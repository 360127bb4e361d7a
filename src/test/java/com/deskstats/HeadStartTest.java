package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import com.deskstats.store.EarlyOpen;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work begun before logging is set up hands over what it built, once. */
class HeadStartTest {

  @Test
  void theHttpClientBegunEarlyIsTheOneHandedOver() {
    HeadStart head = HeadStart.begin(Settings.load(Map.of("DATABASE_URL", "jdbc:h2:mem:head-start")));

    assertThat(head.http()).isNotNull().isSameAs(head.http());
    assertThat(head.database()).isSameAs(EarlyOpen.NONE);
  }

  @Test
  void withoutAHeadStartEachAskGetsItsOwnClient() {
    assertThat(HeadStart.NONE.http()).isNotSameAs(HeadStart.NONE.http());
  }

  @Test
  void loggingIsSetUpInAThreadOfItsOwn() throws InterruptedException {
    Thread logging = HeadStart.setUpLogging();
    logging.join(10_000);

    assertThat(logging.getName()).isEqualTo("logging-setup");
    assertThat(logging.isAlive()).isFalse();
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory()).isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
  }
}
