package com.deskstats.slack;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the slash command asked of the digest. */
final class FakeDigest implements DigestControl {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public String subscribe(String channelId, Optional<LocalTime> time, DigestOptions options, String userId) {
    calls.add("subscribe " + channelId + " " + time.map(LocalTime::toString).orElse("default") + " " + userId
        + (options.equals(DigestOptions.DAILY) ? "" : " " + options));
    return "Subscribed <#" + channelId + "> to the daily digest.";
  }

  @Override
  public String unsubscribe(String channelId, boolean weekly, Optional<String> group, String userId) {
    calls.add("unsubscribe " + channelId + " " + userId + (weekly ? " weekly" : "") + group.map(g -> " group " + g).orElse(""));
    return "Unsubscribed <#" + channelId + ">.";
  }

  @Override
  public String list() {
    calls.add("list");
    return "*Subscriptions*\n• <#C1> at 09:00";
  }

  @Override
  public String digestNow(String channelId, String userId) {
    calls.add("now " + channelId + " " + userId);
    return "Posted yesterday's digest to <#" + channelId + ">.";
  }
}
