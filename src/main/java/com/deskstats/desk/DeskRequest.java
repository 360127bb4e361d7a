package com.deskstats.desk;

import com.squareup.moshi.Json;
import java.util.Collection;
import java.util.List;

/**
 * The body of describe_agent_statistics. {@code agentIds} is null when every agent is wanted, so the field is
 * left out of the JSON.
 */
public record DeskRequest(
    @Json(name = "From") long from,
    @Json(name = "To") long to,
    @Json(name = "Limit") int limit,
    @Json(name = "Offset") int offset,
    @Json(name = "AgentIds") List<String> agentIds) {

  /** A page request; an empty agent filter means every agent. */
  public static DeskRequest page(long from, long to, int limit, int offset, Collection<String> agentIds) {
    return new DeskRequest(from, to, limit, offset, agentIds == null || agentIds.isEmpty() ? null : List.copyOf(agentIds));
  }
}
