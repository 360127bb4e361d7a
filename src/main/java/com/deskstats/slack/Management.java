package com.deskstats.slack;

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
    String apply(String channelId);
  }

  private final DigestControl digest;
  private final SlackUsers users;
  private AlertCommands alerts;

  Management(DigestControl digest, SlackUsers users) {
    this.digest = digest;
    this.users = users;
  }

  /** Hands {@code alert}, {@code alerts} and {@code alert remove} to {@code alerts}. */
  Management withAlerts(AlertCommands alerts) {
    this.alerts = alerts;
    return this;
  }

  Response handle(Command command, SlashCommandPayload p, Commands commands, String requestId, SlashCommandContext ctx) {
    String user = p.getUserId();
    String channel = p.getChannelId();
    MethodsClient client = ctx.client();
    if (alerts != null && AlertCommands.handles(command)) return alerts.handle(command, p, commands, requestId, ctx);
    if (command instanceof Command.Subscriptions) {
      return commands.later(command, requestId, ctx,
          () -> new Commands.Reply(Answer.of(digest.list(), "ok"), false));
    }
    if (command instanceof Command.Subscribe s) {
      return manage(command, commands, requestId, ctx, client, user, channel, s.channelId(),
          target -> digest.subscribe(target, s.time(), user));
    }
    if (command instanceof Command.Unsubscribe s) {
      return manage(command, commands, requestId, ctx, client, user, channel, s.channelId(),
          target -> digest.unsubscribe(target, user));
    }
    Command.DigestNow d = (Command.DigestNow) command;
    return manage(command, commands, requestId, ctx, client, user, channel, d.channelId(),
        target -> digest.digestNow(target, user));
  }

  /** Checks the user may manage the digest, then runs {@code action} on the named or current channel. */
  private Response manage(Command command, Commands commands, String requestId, SlashCommandContext ctx,
      MethodsClient client, String user, String currentChannel, Optional<String> named, Action action) {
    String target = named.orElse(currentChannel);
    if (target == null || target.startsWith("D")) {
      String words = command instanceof Command.DigestNow ? "digest now" : command.name();
      return commands.acked(command, "usage", System.nanoTime(), ctx, Replies.mrkdwn(
          "Run this in the channel you mean, or name it, as in `" + CommandParser.COMMAND + " " + words + " #support`."));
    }
    return commands.later(command, requestId, ctx, () -> {
      SlackUsers.Permission permission = users.mayManage(client, user);
      if (permission == SlackUsers.Permission.UNKNOWN) {
        return new Commands.Reply(Answer.of("Slack would not tell me whether you may manage the digest; "
            + "please try again in a minute.", "slack_error"), false);
      }
      if (permission != SlackUsers.Permission.ALLOWED) {
        return new Commands.Reply(Answer.of("Only workspace admins and owners, and the bot admins named in "
            + "BOT_ADMINS, may manage the digest; ask one of them.", "refused"), false);
      }
      // A new subscription is saved only where the bot can post.
      Optional<Answer> cannotPost = command instanceof Command.Subscribe
          ? ChannelAccess.refusal(client, target) : Optional.empty();
      if (cannotPost.isPresent()) return new Commands.Reply(cannotPost.get(), false);
      return new Commands.Reply(Answer.of(action.apply(target), "ok"), false);
    });
  }
}
