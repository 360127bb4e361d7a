package com.deskstats.digest;

import com.deskstats.store.DeliveryKey;
import com.deskstats.store.Subscription;
import com.deskstats.text.Language;
import java.util.Optional;
import org.quartz.JobDataMap;

/**
 * What one subscription's trigger delivers: its key (channel, cadence, group), whether the CSV goes along, and the
 * language it is posted in (empty: BOT_LANGUAGE). Carried in the trigger's JobDataMap as strings (the clustered store
 * keeps properties only).
 */
record Target(DeliveryKey key, boolean csv, Optional<Language> lang) {

  static final String CHANNEL = DigestJob.CHANNEL;
  static final String CADENCE = "cadence";
  static final String GROUP = "group";
  static final String CSV = "csv";
  static final String LANG = "lang";

  Target {
    lang = lang == null ? Optional.empty() : lang;
  }

  /** A target posted in BOT_LANGUAGE. */
  Target(DeliveryKey key, boolean csv) {
    this(key, csv, Optional.empty());
  }

  static Target of(Subscription s) {
    return new Target(s.key(), s.csv(), s.lang());
  }

  /** The language its posts are written in. */
  Language language(Language botLanguage) {
    return lang.orElse(botLanguage);
  }

  /** The channel's daily digest of the whole team, without CSV. */
  static Target daily(String channelId) {
    return new Target(DeliveryKey.daily(channelId), false);
  }

  String channelId() {
    return key.channelId();
  }

  /**
   * The Quartz job and trigger name: per subscription, not per channel. The daily team digest keeps the bare channel
   * id it had before weekly and group digests, so an upgrade leaves its trigger (and next fire time) as it was.
   */
  String name() {
    return name(key);
  }

  static String name(DeliveryKey key) {
    if (!key.weekly() && key.group().isEmpty()) return key.channelId();
    return key.channelId() + "/" + key.cadence() + "/" + key.group();
  }

  void write(JobDataMap data) {
    data.put(CHANNEL, key.channelId());
    data.put(CADENCE, key.cadence());
    data.put(GROUP, key.group());
    data.put(CSV, Boolean.toString(csv));
    lang.ifPresent(l -> data.put(LANG, l.code()));
  }

  /** From a JobDataMap; a trigger scheduled before V7 names its channel only and is a daily team digest. */
  static Target read(JobDataMap data) {
    String cadence = data.containsKey(CADENCE) ? data.getString(CADENCE) : DeliveryKey.DAILY;
    String group = data.containsKey(GROUP) ? data.getString(GROUP) : "";
    boolean csv = data.containsKey(CSV) && Boolean.parseBoolean(data.getString(CSV));
    Optional<Language> lang = data.containsKey(LANG) ? Language.parse(data.getString(LANG)) : Optional.empty();
    return new Target(new DeliveryKey(data.getString(CHANNEL), cadence, group), csv, lang);
  }

  /** What a trigger delivers; one scheduled before V7 carries no data and is its channel's daily team digest. */
  static Target of(org.quartz.Trigger trigger) {
    JobDataMap data = trigger.getJobDataMap();
    return data.containsKey(CHANNEL) ? read(data) : daily(trigger.getKey().getName());
  }

  /** For log lines: "channel=C1 cadence=weekly group=tier1". */
  String describe() {
    return "channel=" + key.channelId() + " cadence=" + key.cadence() + (key.group().isEmpty() ? "" : " group=" + key.group());
  }
}
