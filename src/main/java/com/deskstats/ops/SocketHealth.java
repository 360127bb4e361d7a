package com.deskstats.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode connection as /health sees it: connected, or down since when. Down for longer than
 * {@link #DOWN_LIMIT} makes the bot not ready (no slash command can reach it); every connection after the first
 * counts as a reconnect.
 */
public final class SocketHealth {
  private static final Logger log = LoggerFactory.getLogger(SocketHealth.class);

  /** How long the socket may be down (Slack rotates connections; reconnecting takes seconds) before we are unready. */
  public static final Duration DOWN_LIMIT = Duration.ofSeconds(60);

  private final Clock clock;
  private final Metrics metrics;
  private Instant downSince;
  private boolean everConnected;

  /** Starts as down since now: not yet connected. */
  public SocketHealth(Clock clock, Metrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
    this.downSince = clock.instant();
  }

  /** Slack said hello on a new connection. */
  public synchronized void connected() {
    if (downSince == null) return;
    if (everConnected) {
      metrics.socketReconnect();
      log.info("Socket Mode connected again after {}s", Duration.between(downSince, clock.instant()).toSeconds());
    }
    everConnected = true;
    downSince = null;
  }

  /** The connection closed (Bolt reconnects by itself). */
  public synchronized void disconnected() {
    if (downSince == null) downSince = clock.instant();
  }

  /** When the socket went down, or empty while connected. */
  public synchronized Optional<Instant> downSince() {
    return Optional.ofNullable(downSince);
  }

  /** False once the socket has been down for more than {@link #DOWN_LIMIT}. */
  public boolean ready() {
    return downSince().map(since -> Duration.between(since, clock.instant()).compareTo(DOWN_LIMIT) <= 0).orElse(true);
  }

  /** The check's detail for the /health body. */
  Map<String, Object> check() {
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<Instant> since = downSince();
    if (since.isEmpty()) {
      m.put("status", "connected");
      return m;
    }
    long seconds = Math.max(0, Duration.between(since.get(), clock.instant()).toSeconds());
    m.put("status", ready() ? "reconnecting" : "down");
    m.put("down_seconds", seconds);
    if (!ready()) m.put("detail", "Socket Mode has been disconnected from Slack for " + seconds + " s");
    return m;
  }
}
