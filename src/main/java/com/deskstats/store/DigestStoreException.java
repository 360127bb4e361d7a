package com.deskstats.store;

/** The subscription or delivery tables could not be read or written; the message is one sentence for a user. */
public final class DigestStoreException extends RuntimeException {
  public DigestStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
