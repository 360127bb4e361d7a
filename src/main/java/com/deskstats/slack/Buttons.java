package com.deskstats.slack;

import com.deskstats.ops.RequestIds;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's buttons: ◀ and ▶ re-run the report for the next or previous period; "Post to channel" shares it. Each
 * answer is in the language of the user who pressed ({@link Locales}), whoever asked for the message.
 */
final class Buttons {
  private static final Logger log = LoggerFactory.getLogger(Buttons.class);

  private final Answers answers;
  private final Background background;
  private final ResponseUrls responseUrls;
  private final Access access;
  private final Locales locales;

  Buttons(Answers answers, Background background, ResponseUrls responseUrls, Access access, Locales locales) {
    this.answers = answers;
    this.background = background;
    this.responseUrls = responseUrls;
    this.access = access;
    this.locales = locales;
  }

  Response onNavigate(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String value = actionValue(p);
    boolean ephemeral = p.getContainer() == null || p.getContainer().isEphemeral();
    String user = p.getUser() == null ? null : p.getUser().getId();
    MethodsClient client = ctx.client();
    submit("button", user, () -> {
      Answer a = rerun(client, user, value, ephemeral, false, locales.of(client, user));
      // A refusal goes to the clicker alone and leaves the report as it was.
      reply(ctx, a, a.ok(), ephemeral || !a.ok() ? "ephemeral" : "in_channel");
      return Background.Done.sent(a.outcome());
    }, ctx);
    return ctx.ack();
  }

  /** "Open today's report" on an alert: the report for the clicker alone; the alert stays as it is. */
  Response onOpen(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String value = actionValue(p);
    String user = p.getUser() == null ? null : p.getUser().getId();
    MethodsClient client = ctx.client();
    submit("open", user, () -> {
      Answer a = rerun(client, user, value, true, false, locales.of(client, user));
      reply(ctx, a, false, "ephemeral");
      return Background.Done.sent(a.outcome());
    }, ctx);
    return ctx.ack();
  }

  Response onPost(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String value = actionValue(p);
    String user = p.getUser() == null ? null : p.getUser().getId();
    String channel = p.getChannel() != null ? p.getChannel().getId()
        : p.getContainer() != null ? p.getContainer().getChannelId() : null;
    MethodsClient client = ctx.client();
    submit("post", user, () -> {
      Language lang = locales.of(client, user);
      Texts t = Texts.of(lang);
      Answer a = rerun(client, user, value, false, true, lang);
      if (!a.ok() || channel == null) {
        reply(ctx, a, false, "ephemeral");
        return Background.Done.sent(a.outcome());
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
        reply(ctx, Answer.of(t.get("answers.post.done", channel), "ok"), true, "ephemeral");
        return Background.Done.sent("ok");
      }
      String sentence = switch (error) {
        case "not_in_channel", "channel_not_found" -> t.get("answers.post.not_in_channel");
        case "ratelimited" -> t.get("answers.post.ratelimited");
        default -> t.get("answers.post.refused", Mrkdwn.escape(error));
      };
      reply(ctx, Answer.of(sentence, "slack_error"), false, "ephemeral");
      return Background.Done.sent("slack_error");
    }, ctx);
    return ctx.ack();
  }

  private void submit(String name, String user, Background.Work work, ActionContext ctx) {
    if (!background.submit(name, name, RequestIds.next(), work, () -> reply(ctx,
        new Answer(ReportBlocks.notice(Replies.genericFailure(locales.known(user)), locales.known(user)), "error"), false, "ephemeral"))) {
      log.warn("{} dropped: executor busy or stopping", name);
    }
  }

  private static String actionValue(BlockActionPayload p) {
    return p.getActions() == null || p.getActions().isEmpty() ? "" : p.getActions().get(0).getValue();
  }

  /**
   * Runs the report or card a button's value names, in the group it names, for the user who pressed: who shared the
   * message does not matter. Posting to the channel needs a viewer; browsing one's own card does not.
   */
  private Answer rerun(MethodsClient client, String user, String value, boolean ephemeral, boolean posting,
      Language lang) {
    Command c = CommandParser.parse(value, answers.reports().today());
    if (c instanceof Command.Report || c instanceof Command.AgentLookup) {
      Answer refused = refusal(client, user, c, posting, lang);
      if (refused != null) return refused;
    }
    if (c instanceof Command.Report r) return answers.report(r.period(), r.group(), ephemeral, lang);
    if (c instanceof Command.AgentLookup l) {
      return answers.card(client, user, l.ref(), l.period(), l.group(), ephemeral, lang);
    }
    if (c instanceof Command.Usage u) return Answer.of(u.sentence(Texts.of(lang)), "usage");
    return Answer.of(Texts.of(lang).get("answers.button.stale"), "usage");
  }

  /** Null when the presser may see what the button shows; else the one-sentence refusal. Asks Desk nothing. */
  private Answer refusal(MethodsClient client, String user, Command c, boolean posting, Language lang) {
    if (access.allowedAtOnce(user)) return null;
    Access.Verdict v = access.mayView(client, user);
    if (v == Access.Verdict.ALLOWED) return null;
    if (!posting && c instanceof Command.AgentLookup l && ownCard(client, user, l.ref())) return null;
    return Answer.of(Access.sentence(v, lang), v == Access.Verdict.UNKNOWN ? "slack_error" : "refused");
  }

  private boolean ownCard(MethodsClient client, String user, Command.AgentRef ref) {
    if (ref instanceof Command.AgentRef.Me) return true;
    if (ref instanceof Command.AgentRef.ByUser u) return u.userId().equals(user);
    String id = ((Command.AgentRef.ById) ref).agentId();
    return answers.users().agent(client, user, true) instanceof SlackUsers.Agent.Found f
        && f.agentId().equalsIgnoreCase(id.strip());
  }

  private void reply(ActionContext ctx, Answer a, boolean replace, String responseType) {
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
}
