-- A channel may hold one daily and one weekly subscription per group (SPEC §5), and each is delivered at most
-- once per channel, cadence, group and period. Existing rows are daily subscriptions of the whole team.
ALTER TABLE subscription ADD COLUMN cadence VARCHAR(8) DEFAULT 'daily' NOT NULL;
ALTER TABLE subscription ADD COLUMN group_name VARCHAR(32) DEFAULT '' NOT NULL;
ALTER TABLE subscription ADD COLUMN csv BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE subscription DROP PRIMARY KEY;
ALTER TABLE subscription ADD CONSTRAINT subscription_key PRIMARY KEY (channel_id, cadence, group_name);
ALTER TABLE subscription ADD CONSTRAINT subscription_cadence CHECK (cadence IN ('daily', 'weekly'));

-- scheduled_day is the first day of the reported period: yesterday for a daily digest, last Monday for a weekly.
ALTER TABLE delivery ADD COLUMN cadence VARCHAR(8) DEFAULT 'daily' NOT NULL;
ALTER TABLE delivery ADD COLUMN group_name VARCHAR(32) DEFAULT '' NOT NULL;
ALTER TABLE delivery DROP CONSTRAINT delivery_once_per_day;
ALTER TABLE delivery ADD CONSTRAINT delivery_once_per_period UNIQUE (channel_id, cadence, group_name, scheduled_day);
