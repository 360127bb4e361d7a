package com.deskstats.desk;

/** A Desk call that failed, sorted into a few outcomes, with one sentence a Slack user can act on. */
public final class DeskException extends Exception {

  /** What the caller can do about a failure. */
  public enum Kind {
    /** Transient (rate limit, internal error, network): retried already, may work later. */
    RETRYABLE,
    /** The SDKAppID, key, admin account or region is wrong. */
    CREDENTIALS,
    /** Desk rejected the request's parameters. */
    BAD_REQUEST,
    /** The application exists but is not a Desk (smart customer service) application. */
    NOT_DESK_APP,
    /** Desk could not be reached or answered nonsense after every retry. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final int code;

  /**
   * @param kind the outcome
   * @param code Desk's ErrorCode, the HTTP status for HTTP failures, or 0 for network faults
   * @param userMessage one sentence for a Slack user; never contains a secret
   */
  public DeskException(Kind kind, int code, String userMessage, Throwable cause) {
    super(userMessage, cause);
    this.kind = kind;
    this.code = code;
  }

  public DeskException(Kind kind, int code, String userMessage) {
    this(kind, code, userMessage, null);
  }

  public Kind kind() {
    return kind;
  }

  public int code() {
    return code;
  }

  /** True for an outage that may pass by itself (Desk unreachable, overloaded, retries spent). */
  public boolean passing() {
    return kind == Kind.RETRYABLE || kind == Kind.UNAVAILABLE;
  }

  /** The sentence to show a user: same as {@link #getMessage()}. */
  public String userMessage() {
    return getMessage();
  }
}
