package com.deskstats.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes the UserSig for Desk calls and reuses it until shortly before it expires. Thread-safe. Never shows
 * the key or the sig in {@link #toString()}.
 */
public final class UserSigner {

  /** The default validity of a sig: Tencent recommends at least 24 hours. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);

  private final long sdkAppId;
  private final String identifier;
  private final String secretKey;
  private final long lifetimeSeconds;
  private final long renewMarginSeconds;
  private final Clock clock;

  private String current;
  private long issuedAt;

  /**
   * @param lifetime how long each sig is valid (TLS.expire); a new one is made when less than a tenth of it,
   *     capped at one hour, remains
   */
  public UserSigner(long sdkAppId, String identifier, String secretKey, Duration lifetime, Clock clock) {
    this.sdkAppId = sdkAppId;
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.lifetimeSeconds = lifetime.toSeconds();
    if (lifetimeSeconds < 60) throw new IllegalArgumentException("A UserSig lifetime must be at least a minute");
    this.renewMarginSeconds = Math.min(3600, lifetimeSeconds / 10);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A signer with the default lifetime of one day. */
  public UserSigner(long sdkAppId, String identifier, String secretKey, Clock clock) {
    this(sdkAppId, identifier, secretKey, DEFAULT_LIFETIME, clock);
  }

  public long sdkAppId() {
    return sdkAppId;
  }

  /** The App administrator account the sig is for. */
  public String identifier() {
    return identifier;
  }

  /** A valid sig: the cached one, or a fresh one when it is missing or about to expire. */
  public synchronized String sig() {
    long now = clock.instant().getEpochSecond();
    if (current == null || now >= issuedAt + lifetimeSeconds - renewMarginSeconds || now < issuedAt) {
      current = UserSig.generate(sdkAppId, identifier, secretKey, now, lifetimeSeconds);
      issuedAt = now;
    }
    return current;
  }

  /** Drops the cached sig (Desk said it expired, 70001): the next {@link #sig()} makes a new one. */
  public synchronized void invalidate() {
    current = null;
  }

  /** {@code text} with the key and the current sig blanked out, for text from Desk that goes into a log. */
  synchronized String redact(String text) {
    if (text == null) return "";
    String out = text.replace(secretKey, "***");
    return current == null ? out : out.replace(current, "***");
  }

  @Override
  public String toString() {
    return "UserSigner[sdkAppId=" + sdkAppId + ", identifier=" + identifier + ", lifetime=" + lifetimeSeconds + "s]";
  }
}
