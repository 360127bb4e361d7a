package com.deskstats.desk;

import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.util.Locale;

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
  /** The sentence in any language; null when only the English {@link #getMessage()} exists. */
  private final Text text;

  /**
   * @param kind the outcome
   * @param code Desk's ErrorCode, the HTTP status for HTTP failures, or 0 for network faults
   * @param userMessage one sentence for a Slack user; never contains a secret
   */
  public DeskException(Kind kind, int code, String userMessage, Throwable cause) {
    super(userMessage, cause);
    this.kind = kind;
    this.code = code;
    this.text = null;
  }

  /** As above, with the sentence as a {@link Text} any reader's language can render; the message is its English. */
  public DeskException(Kind kind, int code, Text sentence, Throwable cause) {
    super(Texts.of(Language.EN).render(sentence), cause);
    this.kind = kind;
    this.code = code;
    this.text = sentence;
  }

  public DeskException(Kind kind, int code, Text sentence) {
    this(kind, code, sentence, null);
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

  /**
   * The sentence in the reader's language: English is {@link #getMessage()}; in another language the sentence's own
   * translation, or for a sentence written only in English, what its kind means for the reader.
   */
  public String userMessage(Language language) {
    if (language == Language.EN) return getMessage();
    Texts t = Texts.of(language);
    if (text != null) return t.render(text);
    return t.get("answers.desk.kind." + kind.name().toLowerCase(Locale.ROOT));
  }
}
