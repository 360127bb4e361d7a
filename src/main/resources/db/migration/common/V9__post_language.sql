-- The language a subscription's digests and a rule's alerts are posted in (SPEC §5, §8 `lang en|zh`).
-- NULL: BOT_LANGUAGE at post time, so existing rows follow the setting.
ALTER TABLE subscription ADD COLUMN lang VARCHAR(2);
ALTER TABLE subscription ADD CONSTRAINT subscription_lang CHECK (lang IN ('en', 'zh'));
ALTER TABLE alert_rule ADD COLUMN lang VARCHAR(2);
ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_lang CHECK (lang IN ('en', 'zh'));
