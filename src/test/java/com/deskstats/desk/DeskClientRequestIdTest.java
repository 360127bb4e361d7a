package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.LogCapture;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DeskClientRequestIdTest {

  @Test
  void everyPageOfADayLogsUnderTheRequestIdOfTheCommandThatAskedForIt() throws Exception {
    try (MockWebServer desk = DeskFakes.server(); LogCapture log = LogCapture.of(DeskClient.class)) {
      desk.setDispatcher(DeskFakes.pages(DeskFakes.team(250)));
      Settings settings = Settings.load(Map.of(
          "DESK_API_URL", desk.url("/").toString(),
          "DESK_SDKAPPID", String.valueOf(DeskFakes.APP_ID),
          "DESK_SECRET_KEY", DeskFakes.SECRET,
          "DESK_ADMIN_ID", DeskFakes.ADMIN));
      try (DeskClient client = DeskClient.create(settings, new OkHttpClient(), new Metrics(false));
          MDC.MDCCloseable ignored = RequestIds.begin("cmd-4711")) {
        assertThat(client.fetchDay(LocalDate.of(2026, 11, 24), Set.of())).hasSize(250);
      }

      List<ILoggingEvent> calls = log.events().stream()
          .filter(e -> e.getFormattedMessage().startsWith("Desk call")).toList();
      assertThat(calls).hasSize(3);
      assertThat(calls).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(RequestIds.KEY, "cmd-4711"));
    }
  }
}
