package com.deskstats.slack;

import com.deskstats.text.Language;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the slash command asked of the digest; a call answered in a language other than English ends with
 * " answer=zh".
 */
final class FakeDigest implements DigestControl {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public String subscribe(Language lang, String channelId, Optional<LocalTime> time, DigestOptions options,
      String userId) {
    calls.add("subscribe " + channelId + " " + time.map(LocalTime::toString).orElse("default") + " " + userId
        + (options.equals(DigestOptions.DAILY) ? "" : " " + describe(options)) + answer(lang));
    return "Subscribed <#" + channelId + "> to the daily digest.";
  }

  @Override
  public String unsubscribe(Language lang, String channelId, boolean weekly, Optional<String> group, String userId) {
    calls.add("unsubscribe " + channelId + " " + userId + (weekly ? " weekly" : "") + group.map(g -> " group " + g).orElse("")
        + answer(lang));
    return "Unsubscribed <#" + channelId + ">.";
  }

  @Override
  public String list(Language lang) {
    calls.add("list" + answer(lang));
    return "*Subscriptions*\n• <#C1> at 09:00";
  }

  @Override
  public String digestNow(Language lang, String channelId, String userId) {
    calls.add("now " + channelId + " " + userId + answer(lang));
    return "Posted yesterday's digest to <#" + channelId + ">.";
  }

  /** As the record prints itself, with {@code lang} only when the options have one. */
  private static String describe(DigestOptions o) {
    return "DigestOptions[weekly=" + o.weekly() + ", day=" + o.day() + ", group=" + o.group() + ", csv=" + o.csv()
        + o.lang().map(l -> ", lang=" + l.code()).orElse("") + "]";
  }

  private static String answer(Language lang) {
    return lang == Language.EN ? "" : " answer=" + lang.code();
  }
}
