package com.deskstats;

import com.deskstats.config.Settings;
import com.deskstats.store.EarlyOpen;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * The start-up work that needs no logging, begun while logging is still being set up (the longest single-threaded
 * step of a start): opening an existing H2 file, and the HTTP client with its TLS set-up. Neither logs, so neither
 * meets a logger that is not ready yet.
 */
final class HeadStart {
  /** Nothing begun early: the database opens with the pool, and the HTTP client is built when asked for. */
  static final HeadStart NONE = new HeadStart(EarlyOpen.NONE, null);

  private final EarlyOpen database;
  private final CompletableFuture<OkHttpClient> http;

  private HeadStart(EarlyOpen database, CompletableFuture<OkHttpClient> http) {
    this.database = database;
    this.http = http;
  }

  /** Begins both in daemon threads of their own. */
  static HeadStart begin(Settings settings) {
    CompletableFuture<OkHttpClient> http = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        http.complete(new OkHttpClient());
      } catch (Throwable e) { // handed to whoever asks for the client: Bot.start's own failure handling
        http.completeExceptionally(e);
      }
    }, "http-setup");
    t.setDaemon(true);
    t.start();
    return new HeadStart(EarlyOpen.start(settings), http);
  }

  /** The early-opened database, to close once the pool is open. */
  EarlyOpen database() {
    return database;
  }

  /** The HTTP client for Desk: the one begun early, or a new one. */
  OkHttpClient http() {
    return http == null ? new OkHttpClient() : Parts.join(http);
  }

  /**
   * Sets logging up in a thread of its own and returns it: join it before anything logs, since a logger asked for
   * while another thread sets logging up only queues its events.
   */
  static Thread setUpLogging() {
    Thread t = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "logging-setup");
    t.start();
    return t;
  }
}
