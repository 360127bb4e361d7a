package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.divider;

import com.deskstats.config.ConfigException;
import com.deskstats.config.Settings;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.Metrics;
import com.deskstats.ops.RequestIds;
import com.deskstats.ops.SocketHealth;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Reports;
import com.deskstats.store.StoreUnavailableException;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
  public static final List<String> ACTION_IDS = List.of(ReportBlocks.ACTION_PREV, ReportBlocks.ACTION_NEXT, ReportBlocks.ACTION_POST);
  /** The Home tab holds at most this many blocks. */
  static final int HOME_BLOCK_LIMIT = 100;

  private static final Logger log = LoggerFactory.getLogger(SlackApp.class);

  private final App app;
  private final Reports reports;
  private final DigestControl digest;
  private final SlackUsers users;
  private final Metrics metrics;
  private final ExecutorService executor;
  private final Clock clock;
  private final ResponseUrls responseUrls;
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
   * The Bolt configuration every mode uses: the bot token (single workspace), the signing secret (HTTP
   * mode; null in Socket Mode) and a Slack client whose every Web API call goes to {@code slackApiUrl}.
   */
  public static AppConfig appConfig(String botToken, String signingSecret, String slackApiUrl) {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(slackApiUrl.endsWith("/") ? slackApiUrl : slackApiUrl + "/");
    slackConfig.setPrettyResponseLoggingEnabled(false);
    slackConfig.setLibraryMaintainerMode(false);
    // No client-side call statistics: they need a background thread and an extra auth.test per token.
    slackConfig.getMethodsConfig().setStatsEnabled(false);
    // A hung Slack must not hold a reply thread for ever.
    slackConfig.setHttpClientCallTimeoutMillis(20_000);
    return AppConfig.builder()
        .slack(Slack.getInstance(slackConfig))
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
    this.app = new App(config);
    this.responseUrls = new ResponseUrls(app.slack());
    this.reports = reports;
    this.digest = digest;
    this.users = new SlackUsers(botAdmins);
    this.metrics = metrics;
    this.executor = executor;
    this.clock = clock;
    // Bolt's verification refuses old timestamps only; refuse far-future ones too, so no signed request
    // is valid for longer than Slack's five minutes.
    app.use((req, resp, chain) -> {
      if (!req.isSocketMode() && !timestampInWindow(req.getHeaders().getFirstValue("x-slack-request-timestamp"))) {
        return Response.json(401, java.util.Map.of("error", "invalid request"));
      }
      return chain.next(req);
    });
    SLASH_COMMANDS.forEach(c -> app.command(c, this::onCommand));
    app.blockAction(ReportBlocks.ACTION_PREV, this::onNavigate);
    app.blockAction(ReportBlocks.ACTION_NEXT, this::onNavigate);
    app.blockAction(ReportBlocks.ACTION_POST, this::onPost);
    app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
      AppHomeOpenedEvent e = payload.getEvent();
      if (e.getTab() == null || e.getTab().equals("home")) {
        MethodsClient client = ctx.client();
        submit("home", e.getUser(), () -> publishHome(client, e.getUser()), () -> { });
      }
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
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} replies still running after {}; abandoning them", executor.shutdownNow().size(), grace);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    app.stop();
  }

  // ------------------------------------------------------------------ /desk-stats

  private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    String requestId = newRequestId();
    long started = System.nanoTime();
    try (MDC.MDCCloseable ignored = RequestIds.begin(requestId)) {
      Command command = CommandParser.parse(p.getText(), reports.today());
      String user = p.getUserId();
      String channel = p.getChannelId();
      MethodsClient client = ctx.client();
      if (command instanceof Command.Usage u) {
        return done(command, "usage", started, ephemeralAck(ctx, Replies.mrkdwn(u.message())));
      }
      if (command instanceof Command.Help) {
        return done(command, "ok", started, ephemeralAck(ctx, Replies.mrkdwn(CommandParser.USAGE)));
      }
      if (command instanceof Command.Report r) {
        return later(command, requestId, ctx, () -> {
          Answer a = report(r.period(), !r.isPublic());
          return new Reply(a, r.isPublic() && a.ok());
        });
      }
      if (command instanceof Command.AgentLookup l) {
        return later(command, requestId, ctx, () -> {
          Answer a = card(client, user, l.ref(), l.period(), !l.isPublic());
          return new Reply(a, l.isPublic() && a.ok());
        });
      }
      if (command instanceof Command.Subscriptions) {
        return later(command, requestId, ctx, () -> new Reply(new Answer(Replies.mrkdwn(digest.list()), "ok"), false));
      }
      if (command instanceof Command.Subscribe s) {
        return manage(command, requestId, ctx, client, user, channel, s.channelId(),
            target -> digest.subscribe(target, s.time(), user));
      }
      if (command instanceof Command.Unsubscribe s) {
        return manage(command, requestId, ctx, client, user, channel, s.channelId(),
            target -> digest.unsubscribe(target, user));
      }
      Command.DigestNow d = (Command.DigestNow) command;
      return manage(command, requestId, ctx, client, user, channel, d.channelId(),
          target -> digest.digestNow(target, user));
    }
  }

  /** An answer to send through response_url, in the channel or to the asker alone. */
  private record Reply(Answer answer, boolean inChannel) {}

  private interface Job {
    /** Does the slow work; {@link #later} counts the outcome and sends the reply. */
    Reply run() throws Exception;
  }

  private interface Managed {
    String apply(String channelId);
  }

  /** Checks the user may manage the digest, then runs {@code action} on the named or current channel. */
  private Response manage(Command command, String requestId, SlashCommandContext ctx, MethodsClient client,
      String user, String currentChannel, Optional<String> named, Managed action) {
    String target = named.orElse(currentChannel);
    if (target == null || target.startsWith("D")) {
      String words = command instanceof Command.DigestNow ? "digest now" : command.name();
      return done(command, "usage", System.nanoTime(), ephemeralAck(ctx, Replies.mrkdwn(
          "Run this in the channel you mean, or name it, as in `" + CommandParser.COMMAND + " " + words + " #support`.")));
    }
    return later(command, requestId, ctx, () -> {
      SlackUsers.Permission permission = users.mayManage(client, user);
      if (permission == SlackUsers.Permission.UNKNOWN) {
        return new Reply(new Answer(Replies.mrkdwn("Slack would not tell me whether you may manage the digest; "
            + "please try again in a minute."), "slack_error"), false);
      }
      if (permission != SlackUsers.Permission.ALLOWED) {
        return new Reply(new Answer(Replies.mrkdwn("Only workspace admins and owners, and the bot admins named in "
            + "BOT_ADMINS, may manage the digest; ask one of them."), "refused"), false);
      }
      return new Reply(new Answer(Replies.mrkdwn(action.apply(target)), "ok"), false);
    });
  }

  /** Hands the job to the executor and acks empty; a full executor gets a "busy" ack instead. */
  private Response later(Command command, String requestId, SlashCommandContext ctx, Job job) {
    long started = System.nanoTime();
    try {
      executor.execute(() -> {
        try (MDC.MDCCloseable ignored = RequestIds.begin(requestId)) {
          Reply reply;
          try {
            reply = job.run();
          } catch (StoreUnavailableException e) {
            // A change the database could not take: one sentence, nothing half-saved, no stack trace.
            log.info("/desk-stats {} not saved: {}", command.name(), e.getMessage());
            reply = new Reply(new Answer(Replies.mrkdwn(StoreUnavailableException.SENTENCE), "store_unavailable"), false);
          } catch (Exception e) {
            log.error("/desk-stats {} failed", command.name(), e);
            reply = new Reply(new Answer(ReportBlocks.notice(Replies.GENERIC_FAILURE), "error"), false);
          }
          done(command, reply.answer().outcome(), started, null);
          try {
            commandReply(ctx, reply.answer(), reply.inChannel());
          } catch (RuntimeException e) {
            log.warn("could not send the reply: {}", e.toString());
          }
        }
      });
    } catch (RejectedExecutionException e) {
      return done(command, "busy", started, ephemeralAck(ctx, Replies.mrkdwn(Replies.BUSY)));
    }
    return ctx.ack();
  }

  private Response done(Command command, String outcome, long startedNanos, Response response) {
    metrics.command(command.name(), outcome);
    log.info("/desk-stats {} {} in {} ms", command.name(), outcome, (System.nanoTime() - startedNanos) / 1_000_000);
    return response;
  }

  private static Response ephemeralAck(SlashCommandContext ctx, ReportBlocks.Message m) {
    return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(m.text()).blocks(m.blocks()).build());
  }

  private void commandReply(SlashCommandContext ctx, Answer a, boolean inChannel) {
    try {
      responseUrls.post(ctx.getResponseUrl(), SlashCommandResponse.builder()
          .responseType(inChannel ? "in_channel" : "ephemeral")
          .text(a.message().text())
          .blocks(a.message().blocks())
          .build());
    } catch (IOException e) {
      log.warn("response_url post failed: {}", e.toString());
    }
  }

  // ------------------------------------------------------------------ reports and cards

  /** A rendered reply and its outcome for metrics; {@code ok} is false for every refusal or failure. */
  record Answer(ReportBlocks.Message message, String outcome) {
    boolean ok() {
      return outcome.equals("ok");
    }
  }

  private ReportBlocks.Options options(boolean ephemeral, boolean buttons) {
    return new ReportBlocks.Options(reports.today(), ephemeral, buttons, clock.instant());
  }

  Answer report(Period period, boolean ephemeral) {
    try {
      Report r = reports.report(period);
      return new Answer(ReportBlocks.report(r, options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      log.warn("Desk failed: {} ({})", e.kind(), e.code());
      return new Answer(ReportBlocks.notice(e.userMessage()), "desk_error");
    }
  }

  Answer card(MethodsClient client, String askingUser, Command.AgentRef ref, Period period, boolean ephemeral) {
    String agentId;
    String describe;
    if (ref instanceof Command.AgentRef.ById id) {
      agentId = id.agentId();
      describe = "";
    } else {
      boolean me = ref instanceof Command.AgentRef.Me;
      String userId = me ? askingUser : ((Command.AgentRef.ByUser) ref).userId();
      SlackUsers.Email e = users.email(client, userId, userId.equals(askingUser));
      if (e instanceof SlackUsers.Email.Missing m) return new Answer(Replies.mrkdwn(m.sentence()), m.outcome());
      agentId = ((SlackUsers.Email.Found) e).email();
      describe = me ? " (your Slack e-mail)" : " (the e-mail of <@" + userId + ">)";
    }
    try {
      Optional<AgentCard> card = reports.card(period, agentId);
      if (card.isEmpty()) {
        return new Answer(Replies.mrkdwn("No Desk agent with AgentId " + Mrkdwn.code(agentId, 256) + describe
            + " was active in " + period.label() + "."), "not_found");
      }
      return new Answer(ReportBlocks.card(card.get(), options(ephemeral, true)), "ok");
    } catch (DeskException e) {
      log.warn("Desk failed: {} ({})", e.kind(), e.code());
      return new Answer(ReportBlocks.notice(e.userMessage()), "desk_error");
    }
  }

  // ------------------------------------------------------------------ buttons

  private Response onNavigate(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String value = actionValue(p);
    boolean ephemeral = p.getContainer() == null || p.getContainer().isEphemeral();
    String user = p.getUser() == null ? null : p.getUser().getId();
    MethodsClient client = ctx.client();
    submit("button", user, () -> {
      Answer a = rerun(client, user, value, ephemeral);
      // A refusal goes to the clicker alone and leaves the report as it was.
      actionReply(ctx, a, a.ok(), ephemeral || !a.ok() ? "ephemeral" : "in_channel");
      return a.outcome();
    }, () -> actionReply(ctx, new Answer(ReportBlocks.notice(Replies.GENERIC_FAILURE), "error"), false, "ephemeral"));
    return ctx.ack();
  }

  private Response onPost(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String value = actionValue(p);
    String user = p.getUser() == null ? null : p.getUser().getId();
    String channel = p.getChannel() != null ? p.getChannel().getId()
        : p.getContainer() != null ? p.getContainer().getChannelId() : null;
    MethodsClient client = ctx.client();
    submit("post", user, () -> {
      Answer a = rerun(client, user, value, false);
      if (!a.ok() || channel == null) {
        actionReply(ctx, a, false, "ephemeral");
        return a.outcome();
      }
      String error;
      try {
        ChatPostMessageResponse r = client.chatPostMessage(b -> b.channel(channel).text(a.message().text())
            .blocks(a.message().blocks()).unfurlLinks(false).unfurlMedia(false));
        error = r.isOk() ? null : r.getError();
      } catch (SlackApiException e) {
        error = e.getResponse().code() == 429 ? "ratelimited" : "http_" + e.getResponse().code();
      }
      if (error == null) {
        actionReply(ctx, new Answer(Replies.mrkdwn("Posted to <#" + channel + ">."), "ok"), true, "ephemeral");
        return "ok";
      }
      String sentence = switch (error) {
        case "not_in_channel", "channel_not_found" ->
            "I can't post in this channel; invite me with `/invite @desk-stats` and try again.";
        case "ratelimited" -> "Slack asked me to slow down; try posting again in a minute.";
        default -> "Slack would not let me post here (" + Mrkdwn.escape(error) + ").";
      };
      actionReply(ctx, new Answer(Replies.mrkdwn(sentence), "slack_error"), false, "ephemeral");
      return "slack_error";
    }, () -> actionReply(ctx, new Answer(ReportBlocks.notice(Replies.GENERIC_FAILURE), "error"), false, "ephemeral"));
    return ctx.ack();
  }

  private static String actionValue(BlockActionPayload p) {
    return p.getActions() == null || p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue();
  }

  /** Runs the report or card a button's value names. */
  private Answer rerun(MethodsClient client, String user, String value, boolean ephemeral) {
    Command c = CommandParser.parse(value, reports.today());
    if (c instanceof Command.Report r) return report(r.period(), ephemeral);
    if (c instanceof Command.AgentLookup l) return card(client, user, l.ref(), l.period(), ephemeral);
    if (c instanceof Command.Usage u) return new Answer(Replies.mrkdwn(u.sentence()), "usage");
    return new Answer(Replies.mrkdwn("That button no longer works; run `" + CommandParser.COMMAND + "` again."), "usage");
  }

  private void actionReply(ActionContext ctx, Answer a, boolean replace, String responseType) {
    try {
      responseUrls.post(ctx.getResponseUrl(), ActionResponse.builder()
          .responseType(responseType)
          .replaceOriginal(replace)
          .text(a.message().text())
          .blocks(a.message().blocks())
          .build());
    } catch (IOException e) {
      log.warn("response_url post failed: {}", e.toString());
    }
  }

  // ------------------------------------------------------------------ App Home

  private String publishHome(MethodsClient client, String user) throws IOException, SlackApiException {
    LocalDate today = reports.today();
    Period yesterday = Period.day(today.minusDays(1));
    List<LayoutBlock> blocks = new ArrayList<>();
    String outcome = "ok";
    Answer team = report(yesterday, false);
    blocks.addAll(homeSafe(team.message().blocks()));
    if (!team.ok()) outcome = team.outcome();
    SlackUsers.Email email = team.ok() ? users.email(client, user, true) : null;
    if (email instanceof SlackUsers.Email.Found f) {
      try {
        Optional<AgentCard> card = reports.card(yesterday, f.email());
        if (card.isPresent()) {
          List<LayoutBlock> cardBlocks = homeSafe(ReportBlocks.card(card.get(), new ReportBlocks.Options(today, false, false, clock.instant())).blocks());
          if (blocks.size() + 1 + cardBlocks.size() <= HOME_BLOCK_LIMIT) {
            blocks.add(divider());
            blocks.addAll(cardBlocks);
          }
        }
      } catch (DeskException e) {
        log.warn("Desk failed for the Home card: {} ({})", e.kind(), e.code());
      }
    }
    List<LayoutBlock> view = blocks.size() > HOME_BLOCK_LIMIT ? blocks.subList(0, HOME_BLOCK_LIMIT) : blocks;
    ViewsPublishResponse r = client.viewsPublish(b -> b.userId(user).view(View.builder().type("home").blocks(view).build()));
    if (!r.isOk()) {
      log.warn("views.publish failed: {}", r.getError());
      return "slack_error";
    }
    return outcome;
  }

  /** Drops action blocks: the Home shows reports without buttons. */
  private static List<LayoutBlock> homeSafe(List<LayoutBlock> blocks) {
    return blocks.stream().filter(b -> !"actions".equals(b.getType())).toList();
  }

  // ------------------------------------------------------------------ executor plumbing

  private interface Work {
    String run() throws Exception;
  }

  /** Runs interaction work on the executor with a request id, counting and logging it; never throws. */
  private void submit(String name, String user, Work work, Runnable onFailure) {
    String requestId = newRequestId();
    long started = System.nanoTime();
    try {
      executor.execute(() -> {
        try (MDC.MDCCloseable ignored = RequestIds.begin(requestId)) {
          String outcome;
          try {
            outcome = work.run();
          } catch (Exception e) {
            outcome = "error";
            log.error("{} failed", name, e);
            try {
              onFailure.run();
            } catch (RuntimeException again) {
              log.warn("could not send the failure reply: {}", again.toString());
            }
          }
          metrics.command(name, outcome);
          log.info("{} {} in {} ms", name, outcome, (System.nanoTime() - started) / 1_000_000);
        }
      });
    } catch (RejectedExecutionException e) {
      metrics.command(name, "busy");
      log.warn("{} dropped: executor busy or stopping", name);
    }
  }

  private static String newRequestId() {
    return RequestIds.next();
  }
}
