package com.deskstats.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Something the channel must hear about once: an alert, its recovery note, or a Desk notice. {@link #key} names it
 * uniquely: it is claimed in the database under that key before it is posted, so it is posted exactly once.
 */
public sealed interface Transition {

  String key();

  String channelId();

  /** An agent behind an alert or a recovery, with their value now. */
  record Named(String agentId, String displayName, double value, boolean isNew) {}

  /**
   * A rule's condition started to hold.
   *
   * @param value the team value, or a per-agent rule's worst value among those named
   * @param named per agent: those newly over first, then those still over; team: the largest contributors
   * @param newly how many of {@code named} are newly over (per agent)
   * @param dataAt when the rows were read from Desk
   */
  record Fired(Rule rule, LocalDate day, int seq, double value, List<Named> named, int newly, Instant dataAt,
      boolean sample) implements Transition {
    public Fired {
      named = List.copyOf(named);
    }

    @Override
    public String key() {
      return key(rule.id(), day, seq);
    }

    @Override
    public String channelId() {
      return rule.channelId();
    }

    static String key(long ruleId, LocalDate day, int seq) {
      return "rule:" + ruleId + ":" + day + ":" + seq + ":fired";
    }
  }

  /**
   * Everything an alert named is back: a reply in that alert's thread.
   *
   * @param value the team value now, or a per-agent rule's worst value among those named; empty when none
   */
  record Recovered(Rule rule, LocalDate day, int seq, OptionalDouble value, List<Named> named, Instant dataAt)
      implements Transition {
    public Recovered {
      named = List.copyOf(named);
    }

    @Override
    public String key() {
      return "rule:" + rule.id() + ":" + day + ":" + seq + ":recovered";
    }

    /** The key of the alert whose thread this goes to. */
    public String firedKey() {
      return Fired.key(rule.id(), day, seq);
    }

    @Override
    public String channelId() {
      return rule.channelId();
    }
  }

  /** Desk could not be read {@link DeskHealth#NOTICE_AFTER} times in a row: a plain post, once per outage. */
  record DeskDown(String channelId, int episode, Instant since, String reason) implements Transition {
    @Override
    public String key() {
      return "desk:" + episode + ":down:" + channelId;
    }
  }

  /** Desk can be read again after a noticed outage. */
  record DeskUp(String channelId, int episode, Instant at) implements Transition {
    @Override
    public String key() {
      return "desk:" + episode + ":up:" + channelId;
    }
  }
}
