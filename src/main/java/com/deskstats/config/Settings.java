package com.deskstats.config;

import com.deskstats.text.Language;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every setting of SPEC §6, read once from the environment and validated. */
public record Settings(
    Optional<String> slackBotToken,
    Optional<String> slackSigningSecret,
    Optional<String> slackAppToken,
    String slackApiUrl,
    int port,
    Optional<Long> deskSdkAppId,
    Optional<String> deskSecretKey,
    String deskAdminId,
    String deskRegion,
    String deskApiUrl,
    ZoneId deskTimezone,
    boolean deskDemo,
    int deskParallelism,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<String> databasePassword,
    Optional<String> digestChannel,
    String digestCron,
    ZoneId digestTimezone,
    Duration digestGrace,
    int minRatings,
    int topN,
    Duration deskSettle,
    Set<String> botAdmins,
    String logFormat,
    Set<String> botViewers,
    Optional<String> metricsToken,
    Duration alertInterval,
    Duration alertCooldown,
    Language botLanguage) {

  /** Desk's regional API hosts (SPEC §1). */
  public static final Map<String, String> REGIONS = Map.of(
      "china", "https://console.tim.qq.com",
      "singapore", "https://adminapisgp.im.qcloud.com",
      "seoul", "https://adminapikr.im.qcloud.com",
      "frankfurt", "https://adminapiger.im.qcloud.com",
      "mumbai", "https://adminapiind.im.qcloud.com",
      "silicon-valley", "https://adminapiusa.im.qcloud.com",
      "jakarta", "https://adminapiidn.im.qcloud.com",
      "tokyo", "https://adminapijpn.im.qcloud.com");

  /** The default database: an embedded H2 file under ./data. */
  public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/desk-stats;AUTO_SERVER=FALSE";

  public static Settings fromEnvironment() {
    return load(System.getenv());
  }

  /** Parses and validates; throws {@link ConfigException} naming the first bad variable. */
  public static Settings load(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    String region = r.string("DESK_REGION", "china").toLowerCase(Locale.ROOT);
    if (!REGIONS.containsKey(region)) {
      throw new ConfigException("DESK_REGION must be one of " + String.join(", ", REGIONS.keySet().stream().sorted().toList()) + ", not '" + region + "'.");
    }
    String deskUrl = r.url("DESK_API_URL", REGIONS.get(region));
    ZoneId deskZone = r.zone("DESK_TIMEZONE", "Asia/Shanghai");
    Optional<String> dbUrl = r.optional("DATABASE_URL");
    dbUrl.ifPresent(u -> {
      if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
        throw new ConfigException("DATABASE_URL must be a jdbc:h2: or jdbc:postgresql: URL.");
      }
    });
    String logFormat = r.string("LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigException("LOG_FORMAT must be 'text' or 'json', not '" + logFormat + "'.");
    }
    Optional<String> botToken = r.optional("SLACK_BOT_TOKEN");
    botToken.ifPresent(t -> {
      if (!t.startsWith("xoxb-")) throw new ConfigException("SLACK_BOT_TOKEN must be a bot token starting with xoxb-.");
    });
    Optional<String> appToken = r.optional("SLACK_APP_TOKEN");
    appToken.ifPresent(t -> {
      if (!t.startsWith("xapp-")) throw new ConfigException("SLACK_APP_TOKEN must be an app-level token starting with xapp-.");
    });
    String apiUrl = r.url("SLACK_API_URL", "https://slack.com/api/");
    if (!apiUrl.endsWith("/")) apiUrl = apiUrl + "/";
    return new Settings(
        botToken,
        r.optional("SLACK_SIGNING_SECRET"),
        appToken,
        apiUrl,
        r.integer("PORT", 3000, 0, 65535),
        r.optional("DESK_SDKAPPID").map(v -> r.parseLong("DESK_SDKAPPID", v)),
        r.optional("DESK_SECRET_KEY"),
        r.string("DESK_ADMIN_ID", "administrator"),
        region,
        deskUrl,
        deskZone,
        r.bool("DESK_DEMO", false),
        r.integer("DESK_PARALLELISM", 16, 1, 32),
        dbUrl,
        r.optional("DATABASE_USER"),
        r.optional("DATABASE_PASSWORD"),
        r.optional("DIGEST_CHANNEL"),
        r.cron("DIGEST_CRON", "0 0 9 * * ?"),
        r.zone("DIGEST_TIMEZONE", deskZone.getId()),
        r.duration("DIGEST_GRACE", "6h"),
        r.integer("MIN_RATINGS", 3, 1, 1_000_000),
        r.integer("TOP_N", 10, 1, 50),
        r.duration("DESK_SETTLE", "2h"),
        r.optional("BOT_ADMINS").map(Settings::idSet).orElse(Set.of()),
        logFormat,
        r.optional("BOT_VIEWERS").map(Settings::viewers).orElse(Set.of()),
        r.optional("METRICS_TOKEN"),
        r.duration("ALERT_INTERVAL", "10m", Duration.ofSeconds(5)),
        r.duration("ALERT_COOLDOWN", "1h"),
        language(r.string("BOT_LANGUAGE", "en")));
  }

  private static Language language(String value) {
    return Language.parse(value).orElseThrow(() -> new ConfigException("BOT_LANGUAGE must be 'en' or 'zh', not '"
        + value.strip() + "'."));
  }

  /** The JDBC URL in force: DATABASE_URL or the embedded H2 default. */
  public String jdbcUrl() {
    return databaseUrl.orElse(DEFAULT_DATABASE_URL);
  }

  /** True when DATABASE_URL points at PostgreSQL (several replicas, clustered Quartz). */
  public boolean postgres() {
    return jdbcUrl().startsWith("jdbc:postgresql:");
  }

  /** True when SLACK_APP_TOKEN is set. */
  public boolean socketMode() {
    return slackAppToken.isPresent();
  }

  /** Checks what serving Slack needs, beyond what {@link #load} checks for every command. */
  public Settings requireForServing() {
    if (slackBotToken.isEmpty()) throw new ConfigException("SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from the Slack app's OAuth page.");
    if (!socketMode() && slackSigningSecret.isEmpty()) {
      throw new ConfigException("SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).");
    }
    return requireDesk();
  }

  /** Checks that Desk credentials are there unless the sample team is in use. */
  public Settings requireDesk() {
    if (deskDemo) return this;
    if (deskSdkAppId.isEmpty()) throw new ConfigException("DESK_SDKAPPID is required: the Desk application's SDKAppID (or set DESK_DEMO=true).");
    if (deskSecretKey.isEmpty()) throw new ConfigException("DESK_SECRET_KEY is required: the Desk application's secret key (or set DESK_DEMO=true).");
    return this;
  }

  /** Never shows a secret. */
  @Override
  public String toString() {
    return "Settings[mode=" + (socketMode() ? "socket" : "http") + ", port=" + port + ", slackApiUrl=" + slackApiUrl
        + ", deskApiUrl=" + deskApiUrl + ", deskSdkAppId=" + deskSdkAppId.map(String::valueOf).orElse("-")
        + ", deskAdminId=" + deskAdminId + ", deskTimezone=" + deskTimezone + ", demo=" + deskDemo
        + ", database=" + (postgres() ? "postgresql" : "h2") + ", digestChannel=" + digestChannel.orElse("-")
        + ", digestCron=" + digestCron + ", digestTimezone=" + digestTimezone + "]";
  }

  static Set<String> idSet(String csv) {
    return Arrays.stream(csv.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static final Pattern VIEWER = Pattern.compile("[UWS][A-Z0-9]{2,}");

  /** BOT_VIEWERS: Slack user ids (U…, W…) and user group ids (S…). */
  static Set<String> viewers(String csv) {
    Set<String> ids = idSet(csv);
    for (String id : ids) {
      if (!VIEWER.matcher(id).matches()) {
        throw new ConfigException("BOT_VIEWERS must be Slack user ids (U… or W…) and user group ids (S…), comma-separated, not '"
            + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'.");
      }
    }
    return ids;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /** Parses "90s", "30m", "2h", "1d", "1h30m" or ISO-8601 "PT2H". */
  public static Optional<Duration> parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) return Optional.empty();
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    return end == t.length() && end > 0 ? Optional.of(total) : Optional.empty();
  }
}
