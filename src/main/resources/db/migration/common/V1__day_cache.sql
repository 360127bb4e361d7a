-- The per-day cache of Desk's describe_agent_statistics rows (SPEC §2).
-- scope names the Desk application and time zone ("<sdkappid>@<zone>"), so a change of either never
-- serves days cached under the other. Only closed days are stored; a stored day is never fetched again.

CREATE TABLE day_cache (
  scope      VARCHAR(300)             NOT NULL,
  desk_day   DATE                     NOT NULL,
  fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
  row_count  INTEGER                  NOT NULL,
  PRIMARY KEY (scope, desk_day)
);

-- One row per agent per cached day; ordinal keeps Desk's order.
CREATE TABLE day_cache_row (
  scope                      VARCHAR(300)  NOT NULL,
  desk_day                   DATE          NOT NULL,
  agent_id                   VARCHAR(256)  NOT NULL,
  ordinal                    INTEGER       NOT NULL,
  agent_nickname             VARCHAR(1024),
  first_login_timestamp      BIGINT        NOT NULL,
  last_logout_timestamp      BIGINT        NOT NULL,
  free_time                  BIGINT        NOT NULL,
  busy_time                  BIGINT        NOT NULL,
  rest_time                  BIGINT        NOT NULL,
  total_session_cnt          BIGINT        NOT NULL,
  transfer_session_cnt       BIGINT        NOT NULL,
  effective_session_cnt      BIGINT        NOT NULL,
  agent_end_cnt              BIGINT        NOT NULL,
  serve_user_cnt             BIGINT        NOT NULL,
  total_accept_time          BIGINT        NOT NULL,
  total_msg_cnt              BIGINT        NOT NULL,
  agent_msg_cnt              BIGINT        NOT NULL,
  user_msg_cnt               BIGINT        NOT NULL,
  not_resp_session_cnt       BIGINT        NOT NULL,
  avg_first_resp_time        BIGINT        NOT NULL,
  first_resp_under30s_cnt    BIGINT        NOT NULL,
  avg_resp_time              BIGINT        NOT NULL,
  avg_resp_under30s_cnt      BIGINT        NOT NULL,
  avg_accept_time            BIGINT        NOT NULL,
  satisfaction_selected_cnt  BIGINT        NOT NULL,
  satisfied_cnt              BIGINT        NOT NULL,
  PRIMARY KEY (scope, desk_day, agent_id),
  CONSTRAINT fk_day_cache_row_day FOREIGN KEY (scope, desk_day) REFERENCES day_cache (scope, desk_day) ON DELETE CASCADE
);
