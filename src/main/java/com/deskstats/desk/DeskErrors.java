package com.deskstats.desk;

import com.deskstats.desk.DeskException.Kind;
import com.deskstats.text.Text;
import java.util.Set;

/** Sorts Desk's error codes (SPEC §1 and Tencent IM's common REST error table) and words each for a user. */
final class DeskErrors {

  private DeskErrors() {}

  static final int SIG_EXPIRED = 70001;

  private static final Set<Integer> RATE_LIMITS = Set.of(141009, 60007, 60011, 60018, 60019);
  private static final Set<Integer> TRANSIENT = Set.of(141002, 60008, 70169, 70202);
  private static final Set<Integer> SIG_REJECTED = Set.of(70003, 70009, 70013, 70014, 70016, 70020, 70050);

  // Sentences live in the answers bundles (answers.desk.*); codes and counts go in as strings, never grouped "141,000".

  /** Desk asked us to slow down. */
  static boolean rateLimited(int code) {
    return RATE_LIMITS.contains(code);
  }

  /** Worth another try after a pause. */
  static boolean retryable(int code) {
    return RATE_LIMITS.contains(code) || TRANSIENT.contains(code);
  }

  /** A code that is not retried (or no longer), as the exception a user sees. */
  static DeskException refused(int code) {
    String c = String.valueOf(code);
    if (SIG_REJECTED.contains(code) || code == 60004 || code == 60005) {
      return new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.signature_rejected", c));
    }
    return switch (code) {
      case 141000 -> new DeskException(Kind.NOT_DESK_APP, code, Text.of("answers.desk.not_desk_app"));
      case 141004 -> new DeskException(Kind.BAD_REQUEST, code, Text.of("answers.desk.bad_parameters"));
      case 60002, 60003 -> new DeskException(Kind.BAD_REQUEST, code, Text.of("answers.desk.unparsable", c));
      case 60006, 60012 -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.unknown_app", c));
      case 60010 -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.not_admin"));
      case 60016 -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.app_disabled"));
      case 60020 -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.plan_expired"));
      case 60021 -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.ip_refused"));
      case SIG_EXPIRED -> new DeskException(Kind.CREDENTIALS, code, Text.of("answers.desk.signature_expired"));
      default -> new DeskException(Kind.BAD_REQUEST, code, Text.of("answers.desk.refused", c));
    };
  }

  /** A retryable code that persisted through every attempt. */
  static DeskException exhausted(int code, int attempts) {
    String c = String.valueOf(code);
    String n = String.valueOf(attempts);
    if (rateLimited(code)) return new DeskException(Kind.RETRYABLE, code, Text.of("answers.desk.rate_limited", c, n));
    return new DeskException(Kind.RETRYABLE, code, Text.of("answers.desk.temporary", c, n));
  }

  // "where" below is "Desk" or "Desk at <host>": never the full URL, whose query holds the sig.

  /** HTTP 5xx (or 429) through every attempt. */
  static DeskException httpExhausted(int status, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, status,
        Text.of("answers.desk.http_exhausted", String.valueOf(status), String.valueOf(attempts)));
  }

  /** An HTTP status that retrying will not fix (4xx other than 429): the URL is likely wrong. */
  static DeskException httpRefused(int status, String where) {
    return new DeskException(Kind.UNAVAILABLE, status, Text.of("answers.desk.http_refused", where, String.valueOf(status)));
  }

  /** Network faults and timeouts through every attempt. */
  static DeskException unreachable(String where, String fault, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, 0,
        Text.of("answers.desk.unreachable", where, fault, String.valueOf(attempts)));
  }

  /** Bodies that are not Desk's JSON through every attempt. */
  static DeskException malformed(String where, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, 0, Text.of("answers.desk.malformed", where, String.valueOf(attempts)));
  }

  /** The metrics and log word for a final outcome. */
  static String outcome(Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
