package com.deskstats.store;

/** A database operation failed; the message is one sentence and never contains a password. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
