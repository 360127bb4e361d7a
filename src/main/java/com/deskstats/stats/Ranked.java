package com.deskstats.stats;

/** An agent's 1-based place on a leaderboard. */
public record Ranked(int rank, AgentStats agent) {}
