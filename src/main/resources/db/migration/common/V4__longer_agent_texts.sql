-- Desk sets no documented length for AgentId or AgentNickName. A value longer than the V1 columns made saving
-- the day fail, so that day was fetched from Desk on every report instead of once. Widen both.
ALTER TABLE day_cache_row ALTER COLUMN agent_id SET DATA TYPE VARCHAR(1024);
ALTER TABLE day_cache_row ALTER COLUMN agent_nickname SET DATA TYPE VARCHAR(4096);
