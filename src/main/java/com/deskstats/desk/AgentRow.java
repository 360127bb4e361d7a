package com.deskstats.desk;

import com.squareup.moshi.Json;

/** One agent's statistics for one Desk day, exactly as Desk's describe_agent_statistics returns it. */
public record AgentRow(
    @Json(name = "AgentId") String agentId,
    @Json(name = "AgentNickName") String agentNickName,
    @Json(name = "FirstLoginTimestamp") long firstLoginTimestamp,
    @Json(name = "LastLogoutTimestamp") long lastLogoutTimestamp,
    @Json(name = "FreeTime") long freeTime,
    @Json(name = "BusyTime") long busyTime,
    @Json(name = "RestTime") long restTime,
    @Json(name = "TotalSessionCnt") long totalSessionCnt,
    @Json(name = "TransferSessionCnt") long transferSessionCnt,
    @Json(name = "EffectiveSessionCnt") long effectiveSessionCnt,
    @Json(name = "AgentEndCnt") long agentEndCnt,
    @Json(name = "ServeUserCnt") long serveUserCnt,
    @Json(name = "TotalAcceptTime") long totalAcceptTime,
    @Json(name = "TotalMsgCnt") long totalMsgCnt,
    @Json(name = "AgentMsgCnt") long agentMsgCnt,
    @Json(name = "UserMsgCnt") long userMsgCnt,
    @Json(name = "NotRespSessionCnt") long notRespSessionCnt,
    @Json(name = "AvgFirstRespTime") long avgFirstRespTime,
    @Json(name = "FirstRespUnder30sCnt") long firstRespUnder30sCnt,
    @Json(name = "AvgRespTime") long avgRespTime,
    @Json(name = "AvgRespUnder30sCnt") long avgRespUnder30sCnt,
    @Json(name = "AvgAcceptTime") long avgAcceptTime,
    @Json(name = "SatisfactionSelectedCnt") long satisfactionSelectedCnt,
    @Json(name = "SatisfiedCnt") long satisfiedCnt) {

  /** Sessions that got at least one reply. */
  public long answeredSessions() {
    return Math.max(0, totalSessionCnt - notRespSessionCnt);
  }
}
