package com.deskstats.slack;

import com.deskstats.text.Language;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language each Slack user reads (SPEC §6): their Slack locale from {@code users.info} with
 * {@code include_locale}, {@code zh-*} Simplified Chinese and {@code en-*} English; any other locale, or a look-up that
 * fails or is slow, gets BOT_LANGUAGE. A user's language is cached for a few minutes, and a look-up never waits long,
 * so an ack that needs it stays within Slack's three seconds.
 */
final class Locales {
  private static final Logger log = LoggerFactory.getLogger(Locales.class);

  /** How long a user's language is trusted before Slack is asked again. */
  static final Duration TTL = Duration.ofMinutes(5);
  /** How long an answer waits for users.info before it speaks BOT_LANGUAGE (the look-up still fills the cache). */
  static final Duration WAIT = Duration.ofSeconds(1);

  private final Language fallback;
  private final AsyncCache<String, Language> cache;
  private final java.util.concurrent.Executor lookups;
  private final Runnable stopLookups;

  Locales(Language fallback) {
    this(fallback, Ticker.systemTicker());
  }

  /** @param ticker the cache's clock (a test moves it to expire a language) */
  Locales(Language fallback, Ticker ticker) {
    this(fallback, ticker, lookupThreads());
  }

  /** @param lookups runs the users.info calls (a test runs them in the caller, so the cache is settled at once) */
  Locales(Language fallback, Ticker ticker, java.util.concurrent.ExecutorService lookups) {
    this.fallback = fallback;
    this.lookups = lookups;
    this.stopLookups = lookups::shutdownNow;
    this.cache = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(TTL).maximumSize(10_000).executor(Runnable::run)
        .buildAsync();
  }

  // Look-ups block on HTTP: their own few threads, never the common pool; when all are busy, BOT_LANGUAGE.
  private static ThreadPoolExecutor lookupThreads() {
    return new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "slack-locale");
      t.setDaemon(true);
      return t;
    });
  }

  /** BOT_LANGUAGE: what a user reads when Slack cannot tell. */
  Language fallback() {
    return fallback;
  }

  /** The user's language, asking Slack at most once per {@link #TTL} and waiting at most {@link #WAIT}. */
  Language of(MethodsClient client, String user) {
    if (user == null || client == null) return fallback;
    CompletableFuture<Language> f;
    try {
      f = cache.get(user, (u, executor) -> CompletableFuture.supplyAsync(() -> lookUp(client, u), lookups));
    } catch (RuntimeException e) { // every look-up thread busy
      return known(user);
    }
    try {
      return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info("users.info for the locale of {} took over {} ms; answering in {}", user, WAIT.toMillis(), fallback.code());
      return fallback;
    } catch (ExecutionException | CompletionException e) {
      return fallback;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback;
    }
  }

  /** The user's language if already known, else BOT_LANGUAGE; never asks Slack. */
  Language known(String user) {
    CompletableFuture<Language> f = user == null ? null : cache.getIfPresent(user);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) return fallback;
    return f.join();
  }

  /** Stops the look-up threads. */
  void stop() {
    stopLookups.run();
  }

  /** users.info with the locale; a failure throws, so nothing is cached and the next answer asks again. */
  private Language lookUp(MethodsClient client, String user) {
    UsersInfoResponse r;
    try {
      r = client.usersInfo(b -> b.user(user).includeLocale(true));
    } catch (Exception e) {
      log.info("users.info for the locale of {} failed: {}", user, e.toString());
      throw new CompletionException(e);
    }
    if (!r.isOk() || r.getUser() == null) {
      log.info("users.info for the locale of {} failed: {}", user, r.getError());
      throw new CompletionException(new IllegalStateException(String.valueOf(r.getError())));
    }
    return Language.ofSlackLocale(r.getUser().getLocale(), fallback);
  }
}
