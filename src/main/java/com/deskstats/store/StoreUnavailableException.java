package com.deskstats.store;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;

/**
 * The database could not be reached, so nothing was saved. Commands that change stored things answer
 * {@link #SENTENCE} for it; reads that have another source (the day cache) fall back to it instead.
 */
public final class StoreUnavailableException extends StoreException {

  /** What a user who asked to change something is told, in English. */
  public static final String SENTENCE = sentence(Language.EN);

  /** What a user who asked to change something is told, in the reader's language. */
  public static String sentence(Language language) {
    return Texts.of(language).get("answers.store_unavailable");
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
