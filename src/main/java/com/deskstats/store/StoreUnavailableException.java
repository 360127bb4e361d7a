package com.deskstats.store;

/**
 * The database could not be reached, so nothing was saved. Commands that change stored things answer
 * {@link #SENTENCE} for it; reads that have another source (the day cache) fall back to it instead.
 */
public final class StoreUnavailableException extends StoreException {

  /** What a user who asked to change something is told. */
  public static final String SENTENCE =
      "That can't be saved right now: the bot's database is unavailable, so nothing was changed. Try again in a few minutes.";

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
