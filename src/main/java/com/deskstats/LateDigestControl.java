package com.deskstats;

import com.deskstats.slack.DigestControl;
import com.deskstats.slack.DigestOptions;
import com.deskstats.text.Language;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The digest's control, handed to the Slack app before the digest exists, so that Slack's auth.test runs while the
 * migrations and Quartz start. Bot sets it before any request can arrive (the web server starts after).
 */
final class LateDigestControl implements DigestControl {
  private volatile DigestControl digest;

  void set(DigestControl digest) {
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  private DigestControl digest() {
    DigestControl d = digest;
    if (d == null) throw new IllegalStateException("the digest is not started yet");
    return d;
  }

  @Override
  public String subscribe(Language lang, String channelId, Optional<LocalTime> time, DigestOptions options,
      String userId) {
    return digest().subscribe(lang, channelId, time, options, userId);
  }

  @Override
  public String unsubscribe(Language lang, String channelId, boolean weekly, Optional<String> group, String userId) {
    return digest().unsubscribe(lang, channelId, weekly, group, userId);
  }

  @Override
  public String list(Language lang) {
    return digest().list(lang);
  }

  @Override
  public String digestNow(Language lang, String channelId, String userId) {
    return digest().digestNow(lang, channelId, userId);
  }
}
