-- Named groups of agents and Slack-user-to-agent links (SPEC §9), changed by admins from Slack.
-- An AgentId is kept as typed; agent_key is its lower-cased form, since AgentIds match ignoring case.
CREATE TABLE agent_group (
  name       VARCHAR(32)              NOT NULL PRIMARY KEY,
  changed_by VARCHAR(64)              NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE agent_group_member (
  group_name VARCHAR(32)  NOT NULL,
  agent_key  VARCHAR(256) NOT NULL,
  agent_id   VARCHAR(256) NOT NULL,
  PRIMARY KEY (group_name, agent_key),
  CONSTRAINT fk_agent_group_member_group FOREIGN KEY (group_name) REFERENCES agent_group (name) ON DELETE CASCADE
);

-- One Desk agent per Slack user: 'me' and '@user' use it before the profile e-mail.
CREATE TABLE slack_link (
  user_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
  agent_id  VARCHAR(256)             NOT NULL,
  linked_by VARCHAR(64)              NOT NULL,
  linked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
