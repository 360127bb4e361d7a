package com.deskstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void emptyEnvironmentGivesSpecDefaults() {
    Settings s = Settings.load(Map.of());
    assertThat(s.port()).isEqualTo(3000);
    assertThat(s.slackApiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(s.deskAdminId()).isEqualTo("administrator");
    assertThat(s.deskApiUrl()).isEqualTo("https://console.tim.qq.com");
    assertThat(s.deskTimezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(s.digestTimezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(s.digestCron()).isEqualTo("0 0 9 * * ?");
    assertThat(s.digestGrace()).isEqualTo(Duration.ofHours(6));
    assertThat(s.deskSettle()).isEqualTo(Duration.ofHours(2));
    assertThat(s.minRatings()).isEqualTo(3);
    assertThat(s.topN()).isEqualTo(10);
    assertThat(s.deskDemo()).isFalse();
    assertThat(s.postgres()).isFalse();
    assertThat(s.jdbcUrl()).startsWith("jdbc:h2:file:./data/");
    assertThat(s.logFormat()).isEqualTo("text");
  }

  @ParameterizedTest
  @CsvSource({
      "china, https://console.tim.qq.com",
      "singapore, https://adminapisgp.im.qcloud.com",
      "seoul, https://adminapikr.im.qcloud.com",
      "frankfurt, https://adminapiger.im.qcloud.com",
      "mumbai, https://adminapiind.im.qcloud.com",
      "silicon-valley, https://adminapiusa.im.qcloud.com",
      "jakarta, https://adminapiidn.im.qcloud.com",
      "tokyo, https://adminapijpn.im.qcloud.com"})
  void regionPicksItsBaseUrl(String region, String url) {
    assertThat(Settings.load(env("DESK_REGION", region)).deskApiUrl()).isEqualTo(url);
  }

  @Test
  void deskApiUrlOverridesRegion() {
    Settings s = Settings.load(env("DESK_REGION", "tokyo", "DESK_API_URL", "http://127.0.0.1:9999"));
    assertThat(s.deskApiUrl()).isEqualTo("http://127.0.0.1:9999");
  }

  @Test
  void alertIntervalAndCooldownDefaultToTenMinutesAndAnHourAndReadDurations() {
    Settings dflt = Settings.load(Map.of());
    assertThat(dflt.alertInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(dflt.alertCooldown()).isEqualTo(Duration.ofHours(1));
    Settings s = Settings.load(Map.of("ALERT_INTERVAL", "30s", "ALERT_COOLDOWN", "0s"));
    assertThat(s.alertInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.alertCooldown()).isEqualTo(Duration.ZERO);
  }

  @Test
  void digestTimezoneDefaultsToDeskTimezone() {
    Settings s = Settings.load(env("DESK_TIMEZONE", "Europe/Berlin"));
    assertThat(s.digestTimezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PORT|abc|PORT",
      "PORT|70000|PORT",
      "DESK_REGION|mars|DESK_REGION",
      "DESK_TIMEZONE|Mars/Base|DESK_TIMEZONE",
      "DIGEST_CRON|every morning|DIGEST_CRON",
      "DIGEST_GRACE|soon|DIGEST_GRACE",
      "DESK_SETTLE|-1h|DESK_SETTLE",
      "MIN_RATINGS|0|MIN_RATINGS",
      "TOP_N|x|TOP_N",
      "DESK_DEMO|maybe|DESK_DEMO",
      "DESK_SDKAPPID|14000abc|DESK_SDKAPPID",
      "DATABASE_URL|jdbc:mysql://x/y|DATABASE_URL",
      "SLACK_API_URL|not a url|SLACK_API_URL",
      "SLACK_BOT_TOKEN|xoxp-user-token|SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN|xoxb-wrong|SLACK_APP_TOKEN",
      "LOG_FORMAT|xml|LOG_FORMAT",
      "ALERT_INTERVAL|often|ALERT_INTERVAL",
      "ALERT_INTERVAL|2s|ALERT_INTERVAL",
      "ALERT_COOLDOWN|-1h|ALERT_COOLDOWN"})
  void malformedSettingIsNamedInOneLine(String name, String value, String named) {
    assertThatThrownBy(() -> Settings.load(env(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(named)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void malformedTokenIsNotEchoed() {
    assertThatThrownBy(() -> Settings.load(env("SLACK_BOT_TOKEN", "xoxp-secret-value")))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
  }

  @Test
  void servingRequiresSlackAndDeskSettings() {
    assertThatThrownBy(() -> Settings.load(Map.of()).requireForServing()).hasMessageStartingWith("SLACK_BOT_TOKEN");
    assertThatThrownBy(() -> Settings.load(env("SLACK_BOT_TOKEN", "xoxb-1")).requireForServing())
        .hasMessageStartingWith("SLACK_SIGNING_SECRET");
    assertThatThrownBy(() -> Settings.load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s")).requireForServing())
        .hasMessageStartingWith("DESK_SDKAPPID");
    assertThatThrownBy(() -> Settings.load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s",
        "DESK_SDKAPPID", "1400000000")).requireForServing()).hasMessageStartingWith("DESK_SECRET_KEY");
    Settings socket = Settings.load(env("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1", "DESK_DEMO", "true"));
    assertThat(socket.requireForServing().socketMode()).isTrue();
  }

  @Test
  void toStringShowsNoSecret() {
    Settings s = Settings.load(env("SLACK_BOT_TOKEN", "xoxb-TOPSECRET", "SLACK_SIGNING_SECRET", "SIGNSECRET",
        "DESK_SECRET_KEY", "DESKKEY", "DATABASE_PASSWORD", "DBPASS", "SLACK_APP_TOKEN", "xapp-APPSECRET"));
    assertThat(s.toString()).doesNotContain("TOPSECRET", "SIGNSECRET", "DESKKEY", "DBPASS", "APPSECRET");
  }

  @Test
  void botAdminsAreAListOfIds() {
    assertThat(Settings.load(env("BOT_ADMINS", "U1, U2 ,,U3")).botAdmins()).containsExactly("U1", "U2", "U3");
  }

  @ParameterizedTest
  @CsvSource({"90s, 90", "30m, 1800", "2h, 7200", "1d, 86400", "1h30m, 5400", "PT2H, 7200", "0s, 0"})
  void durationsReadAsPeopleWriteThem(String text, long seconds) {
    assertThat(Settings.parseDuration(text)).contains(Duration.ofSeconds(seconds));
  }

  @Test
  void nonsenseDurationIsRefused() {
    assertThat(Settings.parseDuration("2 hours")).isEqualTo(Optional.empty());
    assertThat(Settings.parseDuration("h")).isEqualTo(Optional.empty());
  }

  @Test
  void metricsTokenIsReadButNeverShown() {
    assertThat(Settings.load(Map.of()).metricsToken()).isEmpty();
    Settings s = Settings.load(Map.of("METRICS_TOKEN", "metrics-secret-42"));
    assertThat(s.metricsToken()).contains("metrics-secret-42");
    assertThat(s.toString()).doesNotContain("metrics-secret-42");
  }
}
