package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import java.util.Optional;

/**
 * {@code alert …}, {@code alerts} and {@code alert remove ID} (SPEC §8): anyone may list; adding and removing are for
 * admins, and a rule is only saved when its group exists and the bot can post to its channel.
 */
final class AlertCommands {

  private final AlertControl alerts;
  private final SlackUsers users;
  private final Answers answers;

  AlertCommands(AlertControl alerts, SlackUsers users, Answers answers) {
    this.alerts = alerts;
    this.users = users;
    this.answers = answers;
  }

  static boolean handles(Command command) {
    return command instanceof Command.AlertAdd || command instanceof Command.Alerts
        || command instanceof Command.AlertRemove;
  }

  Response handle(Command command, SlashCommandPayload p, Commands commands, String requestId, SlashCommandContext ctx) {
    String user = p.getUserId();
    MethodsClient client = ctx.client();
    if (command instanceof Command.Alerts) {
      return commands.later(command, requestId, ctx, lang -> new Commands.Reply(Answer.of(alerts.list(lang), "ok"), false));
    }
    if (command instanceof Command.AlertRemove r) {
      return commands.later(command, requestId, ctx, lang -> {
        Optional<Answer> refused = refusal(client, user, lang);
        return new Commands.Reply(refused.orElseGet(() -> Answer.of(alerts.remove(lang, r.id(), user), "ok")), false);
      });
    }
    Command.AlertAdd add = (Command.AlertAdd) command;
    String target = add.channelId().orElse(p.getChannelId());
    if (target == null || target.startsWith("D")) {
      return commands.acked(command, "usage", System.nanoTime(), ctx, Replies.mrkdwn(
          Texts.of(commands.language(ctx, user)).get("answers.alert.where")));
    }
    return commands.later(command, requestId, ctx, lang -> {
      Optional<Answer> refused = refusal(client, user, lang);
      if (refused.isPresent()) return new Commands.Reply(refused.get(), false);
      // The group and the channel are checked before anything is saved; neither costs a Desk call.
      if (answers.scope(add.condition().group(), lang) instanceof Answers.Scoped.Unknown u) {
        return new Commands.Reply(u.answer(), false);
      }
      Optional<Answer> cannotPost = ChannelAccess.refusal(client, target, lang);
      if (cannotPost.isPresent()) return new Commands.Reply(cannotPost.get(), false);
      return new Commands.Reply(Answer.of(alerts.add(lang, target, add.condition(), add.lang(), user), "ok"), false);
    });
  }

  /** Empty when the user may change alert rules; else the answer saying who may. */
  private Optional<Answer> refusal(MethodsClient client, String user, Language lang) {
    Texts t = Texts.of(lang);
    return switch (users.mayManage(client, user)) {
      case ALLOWED -> Optional.empty();
      case UNKNOWN -> Optional.of(Answer.of(t.get("answers.alert.unknown"), "slack_error"));
      case REFUSED -> Optional.of(Answer.of(t.get("answers.alert.refused"), "refused"));
    };
  }
}
