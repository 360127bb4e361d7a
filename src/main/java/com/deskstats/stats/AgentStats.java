package com.deskstats.stats;

import java.util.OptionalDouble;

/**
 * One agent over a period: SPEC §2's combination of that agent's day rows.
 * Averages are seconds; {@code avgFirstRespTime} and {@code avgRespTime} are weighted by answered sessions.
 */
public record AgentStats(
    String agentId,
    String nickname,
    long firstLoginTimestamp,
    long lastLogoutTimestamp,
    long freeTime,
    long busyTime,
    long restTime,
    long totalSessions,
    long transferSessions,
    long effectiveSessions,
    long agentEndCount,
    long servedUsers,
    long totalAcceptTime,
    long totalMessages,
    long agentMessages,
    long userMessages,
    long unrepliedSessions,
    double avgFirstRespTime,
    long firstRespUnder30s,
    double avgRespTime,
    long avgRespUnder30s,
    double avgAcceptTime,
    long ratedSessions,
    long satisfiedSessions) {

  /** AgentNickName, or AgentId when it is empty. Raw: escape before putting it in mrkdwn. */
  public String displayName() {
    return nickname == null || nickname.isBlank() ? agentId : nickname;
  }

  /** Sessions that got at least one reply. */
  public long answeredSessions() {
    return Math.max(0, totalSessions - unrepliedSessions);
  }

  /** satisfied / rated, empty when nobody rated. */
  public OptionalDouble satisfaction() {
    return ratedSessions == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) satisfiedSessions / ratedSessions);
  }

  /** Share of answered sessions first-answered within 30 s, empty when none was answered. */
  public OptionalDouble firstRespUnder30Share() {
    long answered = answeredSessions();
    return answered == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1.0, (double) firstRespUnder30s / answered));
  }
}
