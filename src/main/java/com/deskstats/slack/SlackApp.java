package com.deskstats.slack;


import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.SocketHealth;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Reports;
import com.deskstats.store.GroupStore;
import com.deskstats.store.LinkStore;
import com.deskstats.text.Language;
import com.slack.api.Slack;
import com.slack.api.rate_limits.metrics.impl.BaseMemoryMetricsDatastore;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack side of the bot: a Bolt {@link App} with {@code /desk-stats}, the report buttons and the App Home.
 * Every handler acks at once; slow work (Desk, users.info, the digest) runs on the executor handed in and
 * answers through {@code response_url}, views.publish or chat.postMessage.
 */
public final class SlackApp {

  /** Every slash command the app registers; manifest.yml declares exactly these. */
  public static final Set<String> SLASH_COMMANDS = Set.of(CommandParser.COMMAND);
  /** The Events API events the app handles; manifest.yml subscribes to exactly these. */
  public static final Set<String> EVENTS = Set.of(AppHomeOpenedEvent.TYPE_NAME);
  /** The block action ids of the report buttons (rendered by {@link ReportBlocks}). */
  public static final List<String> ACTION_IDS = List.of(ReportBlocks.ACTION_PREV, ReportBlocks.ACTION_NEXT, ReportBlocks.ACTION_POST,
      ReportBlocks.ACTION_OPEN);

  private static final Logger log = LoggerFactory.getLogger(SlackApp.class);

  private final App app;
  private final Background background;
  private final Locales locales;
  private volatile SocketModeApp socketMode;

  /**
   * The Bolt configuration for the settings: Socket Mode when SLACK_APP_TOKEN is set (no signing secret
   * needed), else HTTP mode with request verification. Call {@link Settings#requireForServing()} first.
   */
  public static AppConfig appConfig(Settings settings) {
    String botToken = settings.slackBotToken().orElseThrow(() -> new ConfigException("SLACK_BOT_TOKEN is required."));
    String secret = settings.socketMode() ? null : settings.slackSigningSecret()
        .orElseThrow(() -> new ConfigException("SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)."));
    return appConfig(botToken, secret, settings.slackApiUrl());
  }

  /**
   * The Slack client the bot uses everywhere (Bolt, digests, alerts): every Web API call goes to {@code slackApiUrl},
   * a call gives up after 20 s, and the SDK keeps no call statistics.
   */
  public static Slack slack(String slackApiUrl) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(slackApiUrl.endsWith("/") ? slackApiUrl : slackApiUrl + "/");
    slackConfig.setPrettyResponseLoggingEnabled(false);
    slackConfig.setLibraryMaintainerMode(false);
    // No client-side call statistics: they need a background thread and an extra auth.test per token.
    slackConfig.getMethodsConfig().setStatsEnabled(false);
    // The SDK's default statistics store starts its background thread anyway; this stops it.
    if (slackConfig.getMethodsConfig().getMetricsDatastore() instanceof BaseMemoryMetricsDatastore<?, ?> stats) {
      stats.setStatsEnabled(false);
    }
    // A hung Slack must not hold a reply thread for ever.
    slackConfig.setHttpClientCallTimeoutMillis(20_000);
    return Slack.getInstance(slackConfig);
  }

  /**
   * The Bolt configuration every mode uses: the bot token (single workspace), the signing secret (HTTP
   * mode; null in Socket Mode) and a Slack client whose every Web API call goes to {@code slackApiUrl}.
   */
  public static AppConfig appConfig(String botToken, String signingSecret, String slackApiUrl) {
    return AppConfig.builder()
        .slack(slack(slackApiUrl))
        .singleTeamBotToken(botToken)
        .signingSecret(signingSecret)
        .requestVerificationEnabled(signingSecret != null)
        // Bolt re-runs auth.test on the request thread whenever its cache expires; one check is enough for a
        // single-workspace bot (a revoked token still shows up as invalid_auth on the next Web API call),
        // and the ack must never wait for Slack.
        .authTestCacheExpirationMillis(-1)
        .build();
  }

  /**
   * @param config from {@link #appConfig}
   * @param reports builds reports and cards
   * @param digest subscriptions and "digest now"
   * @param botAdmins Slack user ids who may manage the digest besides workspace admins and owners
   * @param executor runs every slow reply; {@link #stop} shuts it down
   * @param clock "now" for the data's age
   */
  public SlackApp(AppConfig config, Reports reports, DigestControl digest, Set<String> botAdmins, Metrics metrics,
      ExecutorService executor, Clock clock) {
    this(config, reports, Groups.NONE, digest, botAdmins, metrics, executor, clock);
  }

  /** As above, with the named groups that {@code group NAME} resolves (read only: no group or link commands). */
  public SlackApp(AppConfig config, Reports reports, Groups groups, DigestControl digest, Set<String> botAdmins,
      Metrics metrics, ExecutorService executor, Clock clock) {
    this(config, reports, groups, null, null, Access.everyone(), digest, AlertControl.NONE, botAdmins, metrics, executor,
        clock);
  }

  /** As above, with the alert rules that {@code alert}, {@code alerts} and {@code alert remove} change. */
  public SlackApp(AppConfig config, Reports reports, Groups groups, DigestControl digest, AlertControl alerts,
      Set<String> botAdmins, Metrics metrics, ExecutorService executor, Clock clock) {
    this(config, reports, groups, null, null, Access.everyone(), digest, alerts, botAdmins, metrics, executor, clock);
  }

  /**
   * As above, with the stored groups and links (SPEC §9), which the group and link commands change, and
   * {@code access}, who may see team numbers (BOT_VIEWERS).
   */
  public SlackApp(AppConfig config, Reports reports, GroupStore groups, LinkStore links, Access access,
      DigestControl digest, Set<String> botAdmins, Metrics metrics, ExecutorService executor, Clock clock) {
    this(config, reports, groups, groups, links, access, digest, AlertControl.NONE, botAdmins, metrics, executor, clock);
  }

  /** Every part: what Main builds. */
  public SlackApp(AppConfig config, Reports reports, GroupStore groups, LinkStore links, Access access,
      DigestControl digest, AlertControl alerts, Set<String> botAdmins, Metrics metrics, ExecutorService executor,
      Clock clock) {
    this(config, reports, groups, links, access, digest, alerts, botAdmins, metrics, executor, clock, Language.EN);
  }

  /**
   * Every part, and BOT_LANGUAGE: what a user reads when their Slack locale is neither English nor Chinese, or
   * Slack cannot say.
   */
  public SlackApp(AppConfig config, Reports reports, GroupStore groups, LinkStore links, Access access,
      DigestControl digest, AlertControl alerts, Set<String> botAdmins, Metrics metrics, ExecutorService executor,
      Clock clock, Language botLanguage) {
    this(new App(config), reports, groups, groups, links, access, digest, alerts, botAdmins, metrics, executor, clock,
        new Locales(botLanguage));
  }

  /** As above, over a Bolt app already built and started by {@link #bolt}: what Main builds. */
  public SlackApp(App bolt, Reports reports, GroupStore groups, LinkStore links, Access access,
      DigestControl digest, AlertControl alerts, Set<String> botAdmins, Metrics metrics, ExecutorService executor,
      Clock clock, Language botLanguage) {
    this(bolt, reports, groups, groups, links, access, digest, alerts, botAdmins, metrics, executor, clock,
        new Locales(botLanguage));
  }

  /**
   * The Bolt app, built and started: Bolt checks the bot token with auth.test as it builds its first middleware, and
   * throws when Slack refuses it. It needs nothing else of the bot, so Main builds it while the rest starts;
   * handlers and middleware added afterwards take effect as well.
   */
  public static App bolt(AppConfig config) {
    return new App(config).start();
  }

  /** As above, for tests: the Groups to resolve and BOT_LANGUAGE, with no group or link commands. */
  SlackApp(AppConfig config, Reports reports, Groups groups, DigestControl digest, AlertControl alerts,
      Set<String> botAdmins, Metrics metrics, ExecutorService executor, Clock clock, Language botLanguage) {
    this(new App(config), reports, groups, null, null, Access.everyone(), digest, alerts, botAdmins, metrics, executor,
        clock, new Locales(botLanguage));
  }

  private SlackApp(AppConfig config, Reports reports, Groups groups, GroupStore groupStore, LinkStore links,
      Access access, DigestControl digest, AlertControl alerts, Set<String> botAdmins, Metrics metrics,
      ExecutorService executor, Clock clock) {
    this(new App(config), reports, groups, groupStore, links, access, digest, alerts, botAdmins, metrics, executor,
        clock, new Locales(Language.EN));
  }

  private SlackApp(App bolt, Reports reports, Groups groups, GroupStore groupStore, LinkStore links,
      Access access, DigestControl digest, AlertControl alerts, Set<String> botAdmins, Metrics metrics,
      ExecutorService executor, Clock clock, Locales locales) {
    this.app = bolt;
    this.locales = locales;
    ResponseUrls responseUrls = new ResponseUrls(app.slack());
    SlackUsers users = new SlackUsers(botAdmins, links == null ? SlackUsers.Links.NONE : links::agentOf);
    this.background = new Background(executor, metrics);
    Answers answers = new Answers(reports, groups, users, clock);
    GroupCommands roster = groupStore == null || links == null ? null : new GroupCommands(answers, users, groupStore, links);
    Management management = new Management(digest, users, answers, roster, new AlertCommands(alerts, users, answers));
    Commands commands = new Commands(answers, management, background, responseUrls, access, locales);
    Buttons buttons = new Buttons(answers, background, responseUrls, access, locales);
    Home home = new Home(answers, background, access, locales);
    // Bolt's verification refuses old timestamps only; refuse far-future ones too, so no signed request
    // is valid for longer than Slack's five minutes.
    app.use((req, resp, chain) -> {
      if (!req.isSocketMode() && !timestampInWindow(req.getHeaders().getFirstValue("x-slack-request-timestamp"))) {
        return Response.json(401, java.util.Map.of("error", "invalid request"));
      }
      return chain.next(req);
    });
    SLASH_COMMANDS.forEach(c -> app.command(c, commands::onCommand));
    app.blockAction(ReportBlocks.ACTION_PREV, buttons::onNavigate);
    app.blockAction(ReportBlocks.ACTION_NEXT, buttons::onNavigate);
    app.blockAction(ReportBlocks.ACTION_POST, buttons::onPost);
    app.blockAction(ReportBlocks.ACTION_OPEN, buttons::onOpen);
    app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
      AppHomeOpenedEvent e = payload.getEvent();
      if (e.getTab() == null || e.getTab().equals("home")) home.opened(ctx.client(), e.getUser());
      return ctx.ack();
    });
  }

  static final long SIGNATURE_WINDOW_SECONDS = 5 * 60;

  private static boolean timestampInWindow(String header) {
    try {
      long skew = Long.parseLong(header.trim()) - System.currentTimeMillis() / 1000;
      return Math.abs(skew) <= SIGNATURE_WINDOW_SECONDS;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The Bolt app, for {@code web.WebServer} in HTTP mode. */
  public App app() {
    return app;
  }

  /** Starts the Bolt app: in single-workspace mode this checks the bot token with auth.test. */
  public SlackApp start() {
    app.start();
    return this;
  }

  /** Connects to Slack over Socket Mode (Java-WebSocket backend) and starts serving; returns at once. */
  public SlackApp startSocketMode(String appToken) throws Exception {
    return startSocketMode(appToken, null);
  }

  /** As {@link #startSocketMode(String)}, telling {@code health} (if not null) when the socket drops and is back. */
  public SlackApp startSocketMode(String appToken, SocketHealth health) throws Exception {
    SocketModeApp s = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
    s.startAsync();
    if (health != null) {
      SocketModeClient client = s.getClient();
      // Slack's "hello" starts every connection; Bolt reconnects by itself after a close.
      client.addWebSocketMessageListener(m -> {
        if (m.contains("\"type\":\"hello\"")) health.connected();
      });
      client.addWebSocketCloseListener((code, reason) -> health.disconnected());
      // The client connected as it was started: the first hello may have come before the listener.
      if (client.verifyConnection()) health.connected();
    }
    socketMode = s;
    return this;
  }

  /**
   * Stops taking Socket Mode requests, lets the replies in flight finish for up to {@code grace}, then stops
   * the app. In HTTP mode stop the web server first, so no new command arrives meanwhile.
   */
  public void stop(Duration grace) {
    SocketModeApp s = socketMode;
    if (s != null) {
      try {
        s.stop();
      } catch (Exception e) {
        log.warn("Socket Mode did not stop cleanly: {}", e.toString());
      }
    }
    background.stop(grace);
    locales.stop();
    app.stop();
  }
}
