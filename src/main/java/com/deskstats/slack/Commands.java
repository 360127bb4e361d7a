package com.deskstats.slack;

import com.deskstats.ops.RequestIds;
import com.deskstats.store.StoreUnavailableException;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code /desk-stats}: parses the text, answers usage at once in the ack, and hands every other command to
 * {@link Background}; the answer follows through {@code response_url}, in the asker's language ({@link Locales}).
 */
final class Commands {
  private static final Logger log = LoggerFactory.getLogger(Commands.class);

  /** What a queued command produces: the answer, and whether it goes to the whole channel. */
  record Reply(Answer answer, boolean inChannel) {}

  /** The slow part of one command, answering in {@code lang}, the asker's language. */
  interface Job {
    Reply run(Language lang) throws Exception;
  }

  private final Answers answers;
  private final Management management;
  private final Background background;
  private final ResponseUrls responseUrls;
  private final Access access;
  private final Locales locales;
  private final Export export;

  Commands(Answers answers, Management management, Background background, ResponseUrls responseUrls, Access access,
      Locales locales) {
    this.export = new Export(answers);
    this.answers = answers;
    this.management = management;
    this.background = background;
    this.responseUrls = responseUrls;
    this.access = access;
    this.locales = locales;
  }

  Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    String requestId = RequestIds.next();
    long started = System.nanoTime();
    try (MDC.MDCCloseable ignored = RequestIds.begin(requestId)) {
      Command command = CommandParser.parse(p.getText(), answers.reports().today());
      String user = p.getUserId();
      MethodsClient client = ctx.client();
      if (command instanceof Command.Usage u) {
        return acked(command, "usage", started, ctx, Replies.mrkdwn(u.message(texts(ctx, user))));
      }
      if (command instanceof Command.Help) {
        return acked(command, "ok", started, ctx, Replies.mrkdwn(CommandParser.help(texts(ctx, user))));
      }
      if (command instanceof Command.Report r) {
        return viewing(command, requestId, ctx, user, lang -> {
          Answer a = answers.report(r.period(), r.group(), !r.isPublic(), lang);
          return new Reply(a, r.isPublic() && a.ok());
        });
      }
      if (command instanceof Command.AgentLookup l) {
        boolean own = !l.isPublic() && (l.ref() instanceof Command.AgentRef.Me
            || l.ref() instanceof Command.AgentRef.ByUser u && u.userId().equals(user));
        Submit submit = own ? this::later : viewing(user);
        return submit.submit(command, requestId, ctx, lang -> {
          Answer a = answers.card(client, user, l.ref(), l.period(), l.group(), !l.isPublic(), lang);
          return new Reply(a, l.isPublic() && a.ok());
        });
      }
      if (command instanceof Command.Export e) {
        // The export holds every agent's numbers: a team surface under BOT_VIEWERS.
        return viewing(command, requestId, ctx, user,
            lang -> new Reply(export.send(client, user, e.period(), e.group(), lang), false));
      }
      return management.handle(command, p, this, requestId, ctx);
    }
  }

  /**
   * The asker's language for an answer given in the ack: Slack is asked at most once per user every few minutes, and
   * never for longer than {@link Locales#WAIT}, so the ack stays within three seconds.
   */
  Language language(SlashCommandContext ctx, String user) {
    return locales.of(ctx.client(), user);
  }

  private Texts texts(SlashCommandContext ctx, String user) {
    return Texts.of(language(ctx, user));
  }

  /** How a job is handed to the executor. */
  private interface Submit {
    Response submit(Command command, String requestId, SlashCommandContext ctx, Job job);
  }

  private Submit viewing(String user) {
    return (command, requestId, ctx, job) -> viewing(command, requestId, ctx, user, job);
  }

  /**
   * As {@link #later}, for a job that shows team numbers: when BOT_VIEWERS cannot clear the user at once, the job first
   * asks Slack (user groups, admin) and a non-viewer gets the one-sentence refusal, before any Desk call.
   */
  Response viewing(Command command, String requestId, SlashCommandContext ctx, String user, Job job) {
    if (access.allowedAtOnce(user)) return later(command, requestId, ctx, job);
    MethodsClient client = ctx.client();
    return later(command, requestId, ctx, lang -> {
      Access.Verdict v = access.mayView(client, user);
      if (v == Access.Verdict.ALLOWED) return job.run(lang);
      return new Reply(Answer.of(Access.sentence(v, lang), v == Access.Verdict.UNKNOWN ? "slack_error" : "refused"),
          false);
    });
  }

  /**
   * Hands the job to the executor and acks empty; a full executor gets a "busy" ack instead. The job first learns the
   * asker's language (once per command), and answers in it.
   */
  Response later(Command command, String requestId, SlashCommandContext ctx, Job job) {
    long started = System.nanoTime();
    String user = ctx.getRequestUserId();
    MethodsClient client = ctx.client();
    boolean queued = background.submit(command.name(), "/desk-stats " + command.name(), requestId, () -> {
      Reply reply = run(command, job, locales.of(client, user));
      return new Background.Done(reply.answer().outcome(), () -> reply(ctx, reply.answer(), reply.inChannel()));
    }, () -> reply(ctx, new Answer(ReportBlocks.notice(Replies.genericFailure(locales.known(user)), locales.known(user)), "error"), false));
    // The ack cannot wait for Slack: the language already known, else BOT_LANGUAGE.
    return queued ? ctx.ack() : acked(command, null, started, ctx, Replies.mrkdwn(Replies.busy(locales.known(user))));
  }

  private static Reply run(Command command, Job job, Language lang) throws Exception {
    try {
      return job.run(lang);
    } catch (StoreUnavailableException e) {
      // A change the database could not take: one sentence, nothing half-saved, no stack trace.
      log.info("/desk-stats {} not saved: {}", command.name(), e.getMessage());
      return new Reply(Answer.of(StoreUnavailableException.sentence(lang), "store_unavailable"), false);
    }
  }

  /** Answers in the ack itself (usage, refusals that need no work), counted and logged as {@code outcome}. */
  Response acked(Command command, String outcome, long startedNanos, SlashCommandContext ctx, ReportBlocks.Message m) {
    // A null outcome: already counted (busy).
    if (outcome != null) background.done(command.name(), "/desk-stats " + command.name(), outcome, startedNanos);
    return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(m.text()).blocks(m.blocks()).build());
  }

  private void reply(SlashCommandContext ctx, Answer a, boolean inChannel) {
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
}
