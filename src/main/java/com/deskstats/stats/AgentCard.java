package com.deskstats.stats;

import java.util.OptionalInt;

/**
 * One agent's card: every metric, its place on both boards and the team medians.
 *
 * @param satisfactionRank empty when the agent is not on the satisfaction board (too few ratings)
 * @param firstResponseRank empty when the agent answered no session
 */
public record AgentCard(
    Report report,
    AgentStats agent,
    OptionalInt satisfactionRank,
    OptionalInt firstResponseRank,
    TeamMedians medians) {}
