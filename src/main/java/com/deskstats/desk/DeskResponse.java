package com.deskstats.desk;

import com.squareup.moshi.Json;
import java.util.List;

/** The answer of describe_agent_statistics: success when {@code errorCode} is 0. */
public record DeskResponse(
    @Json(name = "ActionStatus") String actionStatus,
    @Json(name = "ErrorCode") int errorCode,
    @Json(name = "ErrorInfo") String errorInfo,
    @Json(name = "TotalCount") int totalCount,
    @Json(name = "Data") List<AgentRow> data) {}
