package com.deskstats.stats;

import java.util.OptionalInt;

/**
 * One agent's card: every metric, its place on both boards and the team medians.
 *
 * @param satisfactionRank empty when the agent is not on the satisfaction board (too few ratings)
 * @param firstResponseRank empty when the agent answered no session
 * @param trends the agent's headline metrics over the 14 days ending with the period
 */
public record AgentCard(
    Report report,
    AgentStats agent,
    OptionalInt satisfactionRank,
    OptionalInt firstResponseRank,
    TeamMedians medians,
    AgentTrends trends) {}
