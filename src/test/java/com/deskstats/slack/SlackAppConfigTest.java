package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.testing.FakeSlack;
import com.slack.api.bolt.AppConfig;
import com.slack.api.rate_limits.metrics.impl.BaseMemoryMetricsDatastore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackAppConfigTest {

  @Test
  void httpModeVerifiesRequestsAndSendsEveryCallToSlackApiUrl() throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      Settings s = Settings.load(Map.of("SLACK_BOT_TOKEN", "xoxb-0000-1111-fake", "SLACK_SIGNING_SECRET", "sec",
          "SLACK_API_URL", slack.apiUrl().replaceAll("/$", "")));
      AppConfig c = SlackApp.appConfig(s);
      assertThat(c.isRequestVerificationEnabled()).isTrue();
      assertThat(c.getSigningSecret()).isEqualTo("sec");
      assertThat(c.getSlack().methods("xoxb-0000-1111-fake").authTest(r -> r).isOk()).isTrue();
      assertThat(slack.calls("auth.test")).isNotEmpty();
    }
  }

  @Test
  void theSlackClientKeepsNoCallStatisticsAndStopsTheSdksStatisticsThread() {
    var methods = SlackApp.slack("http://127.0.0.1:9/api").getConfig().getMethodsConfig();

    assertThat(methods.isStatsEnabled()).isFalse();
    // The SDK's default store starts a background job on creation; with statistics off it has none.
    assertThat(methods.getMetricsDatastore())
        .isInstanceOfSatisfying(BaseMemoryMetricsDatastore.class, d -> assertThat(d.isStatsEnabled()).isFalse());
    assertThat(SlackApp.slack("http://127.0.0.1:9/api").getConfig().getHttpClientCallTimeoutMillis()).isEqualTo(20_000);
  }

  @Test
  void digestsPostThroughTheSameKindOfClientAsBolt() throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      Settings s = Settings.load(Map.of("SLACK_BOT_TOKEN", "xoxb-0000-1111-fake", "SLACK_SIGNING_SECRET", "sec",
          "SLACK_API_URL", slack.apiUrl()));
      assertThat(com.deskstats.digest.Digest.slackClient(s).authTest(r -> r).isOk()).isTrue();
      assertThat(slack.calls("auth.test")).isNotEmpty();
    }
  }

  @Test
  void socketModeNeedsNoSigningSecret() {
    Settings s = Settings.load(Map.of("SLACK_BOT_TOKEN", "xoxb-0000-1111-fake", "SLACK_APP_TOKEN", "xapp-1-A-1-x"));
    AppConfig c = SlackApp.appConfig(s);
    assertThat(c.isRequestVerificationEnabled()).isFalse();
    assertThat(c.getSlack().getConfig().getMethodsEndpointUrlPrefix()).isEqualTo("https://slack.com/api/");
  }

  @Test
  void httpModeWithoutASigningSecretIsAConfigError() {
    Settings s = Settings.load(Map.of("SLACK_BOT_TOKEN", "xoxb-0000-1111-fake"));
    assertThatThrownBy(() -> SlackApp.appConfig(s)).isInstanceOf(ConfigException.class).hasMessageContaining("SLACK_SIGNING_SECRET");
  }
}
