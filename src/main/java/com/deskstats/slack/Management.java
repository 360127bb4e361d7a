package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import java.util.Optional;

/**
 * The commands that read or change what the bot keeps (subscriptions, digest now): who may change them, and on
 * which channel.
 */
final class Management {

  private interface Action {
    String apply(String channelId, Language lang);
  }

  private final DigestControl digest;
  private final SlackUsers users;
  private final Answers answers;
  private final GroupCommands roster;
  private final AlertCommands alerts;

  /**
   * @param roster the groups and links commands; null answers them as unavailable
   * @param alerts {@code alert}, {@code alerts} and {@code alert remove}
   */
  Management(DigestControl digest, SlackUsers users, Answers answers, GroupCommands roster, AlertCommands alerts) {
    this.digest = digest;
    this.users = users;
    this.answers = answers;
    this.roster = roster;
    this.alerts = alerts;
  }

  Response handle(Command command, SlashCommandPayload p, Commands commands, String requestId, SlashCommandContext ctx) {
    if (command instanceof Command.Roster r) {
      return roster != null ? roster.handle(r, p, commands, requestId, ctx) : commands.acked(command, "usage",
          System.nanoTime(), ctx, Replies.mrkdwn(Texts.of(commands.language(ctx, p.getUserId()))
              .get("answers.roster.no_database")));
    }
    String user = p.getUserId();
    String channel = p.getChannelId();
    MethodsClient client = ctx.client();
    if (AlertCommands.handles(command)) return alerts.handle(command, p, commands, requestId, ctx);
    if (command instanceof Command.Subscriptions) {
      return commands.later(command, requestId, ctx,
          lang -> new Commands.Reply(Answer.of(digest.list(lang), "ok"), false));
    }
    if (command instanceof Command.Subscribe s) {
      // An unknown group is refused with the groups listed, before anything is saved.
      return manage(command, commands, requestId, ctx, client, user, channel, s.channelId(),
          (target, lang) -> answers.scope(s.options().group(), lang) instanceof Answers.Scoped.Unknown u
              ? u.answer().message().text() : digest.subscribe(lang, target, s.time(), s.options(), user));
    }
    if (command instanceof Command.Unsubscribe s) {
      return manage(command, commands, requestId, ctx, client, user, channel, s.channelId(),
          (target, lang) -> digest.unsubscribe(lang, target, s.weekly(), s.group(), user));
    }
    Command.DigestNow d = (Command.DigestNow) command;
    return manage(command, commands, requestId, ctx, client, user, channel, d.channelId(),
        (target, lang) -> digest.digestNow(lang, target, user));
  }

  /** Checks the user may manage the digest, then runs {@code action} on the named or current channel. */
  private Response manage(Command command, Commands commands, String requestId, SlashCommandContext ctx,
      MethodsClient client, String user, String currentChannel, Optional<String> named, Action action) {
    String target = named.orElse(currentChannel);
    if (target == null || target.startsWith("D")) {
      String words = command instanceof Command.DigestNow ? "digest now" : command.name();
      return commands.acked(command, "usage", System.nanoTime(), ctx, Replies.mrkdwn(
          Texts.of(commands.language(ctx, user)).get("answers.manage.where", words)));
    }
    return commands.later(command, requestId, ctx, lang -> {
      Texts t = Texts.of(lang);
      SlackUsers.Permission permission = users.mayManage(client, user);
      if (permission == SlackUsers.Permission.UNKNOWN) {
        return new Commands.Reply(Answer.of(t.get("answers.manage.unknown"), "slack_error"), false);
      }
      if (permission != SlackUsers.Permission.ALLOWED) {
        return new Commands.Reply(Answer.of(t.get("answers.manage.refused"), "refused"), false);
      }
      // A new subscription is saved only where the bot can post.
      Optional<Answer> cannotPost = command instanceof Command.Subscribe
          ? ChannelAccess.refusal(client, target, lang) : Optional.empty();
      if (cannotPost.isPresent()) return new Commands.Reply(cannotPost.get(), false);
      return new Commands.Reply(Answer.of(action.apply(target, lang), "ok"), false);
    });
  }
}
