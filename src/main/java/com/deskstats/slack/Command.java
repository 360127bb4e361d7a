package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import com.deskstats.stats.Period;
import java.time.LocalTime;
import java.util.List;
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

  /**
   * Subscribe a channel (empty: the one the command came from) to a digest at a time (empty: default); {@code options}
   * say daily or weekly (and the day), which group, and whether the CSV goes along.
   */
  record Subscribe(Optional<String> channelId, Optional<LocalTime> time, DigestOptions options) implements Command {
    /** The daily digest of the whole team. */
    public Subscribe(Optional<String> channelId, Optional<LocalTime> time) {
      this(channelId, time, DigestOptions.DAILY);
    }

    @Override
    public String name() {
      return "subscribe";
    }
  }

  /** Remove one digest of a channel: daily unless {@code weekly}, of the whole team unless {@code group}. */
  record Unsubscribe(Optional<String> channelId, boolean weekly, Optional<String> group) implements Command {
    /** The daily digest of the whole team. */
    public Unsubscribe(Optional<String> channelId) {
      this(channelId, false, Optional.empty());
    }

    @Override
    public String name() {
      return "unsubscribe";
    }
  }

  /** The period's CSV of every agent (of one group when {@code group} is set), sent to the asker's DM. */
  record Export(Period period, Optional<String> group) implements Command {
    @Override
    public String name() {
      return "export";
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

  /** The commands that read or change the groups and the links (SPEC §9); {@link GroupCommands} runs them. */
  sealed interface Roster extends Command {}

  /** Make {@code group} exactly these AgentIds (admins). */
  record GroupSet(String group, List<String> agentIds) implements Roster {
    public GroupSet {
      agentIds = List.copyOf(agentIds);
    }

    @Override
    public String name() {
      return "group";
    }
  }

  /** Add AgentIds to an existing group (admins). */
  record GroupAdd(String group, List<String> agentIds) implements Roster {
    public GroupAdd {
      agentIds = List.copyOf(agentIds);
    }

    @Override
    public String name() {
      return "group";
    }
  }

  /** Remove these AgentIds from a group, or the whole group when there are none (admins). */
  record GroupRemove(String group, List<String> agentIds) implements Roster {
    public GroupRemove {
      agentIds = List.copyOf(agentIds);
    }

    @Override
    public String name() {
      return "group";
    }
  }

  /** List the groups and their members (anyone). */
  record GroupList() implements Roster {
    @Override
    public String name() {
      return "groups";
    }
  }

  /** Tie a Slack user to a Desk AgentId, for {@code me} and {@code @user} (admins). */
  record Link(String userId, String agentId) implements Roster {
    @Override
    public String name() {
      return "link";
    }
  }

  /** Remove a Slack user's link, so their profile e-mail is used again (admins). */
  record Unlink(String userId) implements Roster {
    @Override
    public String name() {
      return "unlink";
    }
  }

  /** List the links (anyone). */
  record LinkList() implements Roster {
    @Override
    public String name() {
      return "links";
    }
  }

  /** Add an alert rule (SPEC §8) posting to a channel (empty: the one the command came from). */
  record AlertAdd(Optional<String> channelId, AlertCondition condition, Optional<Language> lang) implements Command {
    /** A rule whose posts use BOT_LANGUAGE. */
    public AlertAdd(Optional<String> channelId, AlertCondition condition) {
      this(channelId, condition, Optional.empty());
    }

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

  /**
   * Text that could not be parsed: {@code text} says why, in one sentence safe for mrkdwn once rendered in the
   * reader's language.
   */
  record Usage(Text text) implements Command {
    @Override
    public String name() {
      return "usage";
    }

    /** The sentence in English. */
    public String sentence() {
      return sentence(Texts.of(Language.EN));
    }

    /** The sentence in the reader's language. */
    public String sentence(Texts texts) {
      return texts.render(text);
    }

    /** The sentence followed by the usage text, in English. */
    public String message() {
      return message(Texts.of(Language.EN));
    }

    /** The sentence followed by the usage text, in the reader's language. */
    public String message(Texts texts) {
      return sentence(texts) + "\n\n" + CommandParser.help(texts);
    }
  }
}
