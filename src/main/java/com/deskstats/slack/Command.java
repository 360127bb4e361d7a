package com.deskstats.slack;

import com.deskstats.stats.Period;
import java.time.LocalTime;
import java.util.Optional;

/** What a {@code /desk-stats} text asks for (SPEC §4); made by {@link CommandParser}. */
public sealed interface Command {

  /** The subcommand's name, for metrics and logs. */
  String name();

  /** The team report for a period; in the channel when {@code isPublic}; of one group when {@code group} is set. */
  record Report(Period period, boolean isPublic, Optional<String> group) implements Command {
    public Report(Period period, boolean isPublic) {
      this(period, isPublic, Optional.empty());
    }

    @Override
    public String name() {
      return "report";
    }
  }

  /** One agent's card for a period; ranks and medians within {@code group} when it is set. */
  record AgentLookup(AgentRef ref, Period period, boolean isPublic, Optional<String> group) implements Command {
    public AgentLookup(AgentRef ref, Period period, boolean isPublic) {
      this(ref, period, isPublic, Optional.empty());
    }

    @Override
    public String name() {
      return "agent";
    }
  }

  /** Who an agent lookup is about. */
  sealed interface AgentRef {
    /** A Desk AgentId as typed. */
    record ById(String agentId) implements AgentRef {}

    /** A Slack user, mapped to an agent through their profile e-mail. */
    record ByUser(String userId) implements AgentRef {}

    /** The user who asked. */
    record Me() implements AgentRef {}
  }

  /** Subscribe a channel (empty: the one the command came from) to the daily digest at a time (empty: default). */
  record Subscribe(Optional<String> channelId, Optional<LocalTime> time) implements Command {
    @Override
    public String name() {
      return "subscribe";
    }
  }

  record Unsubscribe(Optional<String> channelId) implements Command {
    @Override
    public String name() {
      return "unsubscribe";
    }
  }

  record Subscriptions() implements Command {
    @Override
    public String name() {
      return "subscriptions";
    }
  }

  /** Post yesterday's digest to a channel (empty: this one) now. */
  record DigestNow(Optional<String> channelId) implements Command {
    @Override
    public String name() {
      return "digest";
    }
  }

  /** Add an alert rule (SPEC §8) posting to a channel (empty: the one the command came from). */
  record AlertAdd(Optional<String> channelId, AlertCondition condition) implements Command {
    @Override
    public String name() {
      return "alert";
    }
  }

  /** List every alert rule with its state. */
  record Alerts() implements Command {
    @Override
    public String name() {
      return "alerts";
    }
  }

  /** Remove the alert rule with this id. */
  record AlertRemove(long id) implements Command {
    @Override
    public String name() {
      return "alert_remove";
    }
  }

  record Help() implements Command {
    @Override
    public String name() {
      return "help";
    }
  }

  /** Text that could not be parsed: {@code sentence} says why, in one sentence safe for mrkdwn. */
  record Usage(String sentence) implements Command {
    @Override
    public String name() {
      return "usage";
    }

    /** The sentence followed by the usage text. */
    public String message() {
      return sentence + "\n\n" + CommandParser.USAGE;
    }
  }
}
