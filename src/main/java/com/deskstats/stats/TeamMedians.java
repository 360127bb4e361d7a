package com.deskstats.stats;

import java.util.OptionalDouble;

/** The team's median of each per-agent metric over a period, to set an agent's card beside. */
public record TeamMedians(
    OptionalDouble sessions,
    OptionalDouble satisfaction,
    OptionalDouble avgFirstRespTime,
    OptionalDouble firstRespUnder30Share,
    OptionalDouble avgRespTime,
    OptionalDouble avgAcceptTime,
    OptionalDouble unreplied,
    OptionalDouble servedUsers,
    OptionalDouble agentMessages) {}
