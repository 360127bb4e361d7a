package com.deskstats.desk;

import com.deskstats.desk.DeskException.Kind;
import java.util.Set;

/** Sorts Desk's error codes (SPEC §1 and Tencent IM's common REST error table) and words each for a user. */
final class DeskErrors {

  private DeskErrors() {}

  static final int SIG_EXPIRED = 70001;

  private static final Set<Integer> RATE_LIMITS = Set.of(141009, 60007, 60011, 60018, 60019);
  private static final Set<Integer> TRANSIENT = Set.of(141002, 60008, 70169, 70202);
  private static final Set<Integer> SIG_REJECTED = Set.of(70003, 70009, 70013, 70014, 70016, 70020, 70050);

  static final String CHECK_CREDENTIALS = "check DESK_SDKAPPID, DESK_SECRET_KEY, DESK_ADMIN_ID and DESK_REGION";

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
    if (SIG_REJECTED.contains(code) || code == 60004 || code == 60005) {
      return new DeskException(Kind.CREDENTIALS, code,
          "Desk rejected the signature (error " + code + "): " + CHECK_CREDENTIALS + ".");
    }
    return switch (code) {
      case 141000 -> new DeskException(Kind.NOT_DESK_APP, code,
          "The application in DESK_SDKAPPID is not a Desk (smart customer service) application (error 141000): check DESK_SDKAPPID and DESK_REGION.");
      case 141004 -> new DeskException(Kind.BAD_REQUEST, code,
          "Desk rejected the request's parameters (error 141004): check the day and the agent IDs asked for.");
      case 60002, 60003 -> new DeskException(Kind.BAD_REQUEST, code,
          "Desk could not parse the request (error " + code + "): check that DESK_API_URL points at a Desk REST API host.");
      case 60006, 60012 -> new DeskException(Kind.CREDENTIALS, code,
          "Desk does not recognise the application (error " + code + "): check DESK_SDKAPPID and DESK_REGION.");
      case 60010 -> new DeskException(Kind.CREDENTIALS, code,
          "Desk needs an App administrator account (error 60010): set DESK_ADMIN_ID to one of the application's administrators.");
      case 60016 -> new DeskException(Kind.CREDENTIALS, code,
          "The Desk application in DESK_SDKAPPID is disabled (error 60016): enable it in the Tencent Cloud console or check DESK_SDKAPPID.");
      case 60020 -> new DeskException(Kind.CREDENTIALS, code,
          "The Desk application's plan has expired (error 60020): renew it in the Tencent Cloud console.");
      case 60021 -> new DeskException(Kind.CREDENTIALS, code,
          "Desk refused calls from this server's IP address (error 60021): add it to the application's IP allowlist in the Tencent Cloud console.");
      case SIG_EXPIRED -> new DeskException(Kind.CREDENTIALS, code,
          "Desk still called the signature expired after a fresh one was made (error 70001): check this server's clock and DESK_SECRET_KEY.");
      default -> new DeskException(Kind.BAD_REQUEST, code,
          "Desk refused the request with error " + code + ": look the code up in Tencent Cloud IM's error codes and " + CHECK_CREDENTIALS + ".");
    };
  }

  /** A retryable code that persisted through every attempt. */
  static DeskException exhausted(int code, int attempts) {
    if (rateLimited(code)) {
      return new DeskException(Kind.RETRYABLE, code,
          "Desk is rate-limiting requests (error " + code + ") and still was after " + attempts + " attempts: try again in a minute.");
    }
    return new DeskException(Kind.RETRYABLE, code,
        "Desk reported a temporary error (error " + code + ") on all " + attempts + " attempts: try again in a few minutes.");
  }

  // "where" below is "Desk" or "Desk at <host>": never the full URL, whose query holds the sig.

  /** HTTP 5xx (or 429) through every attempt. */
  static DeskException httpExhausted(int status, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, status,
        "Desk answered HTTP " + status + " on all " + attempts + " attempts: try again in a few minutes.");
  }

  /** An HTTP status that retrying will not fix (4xx other than 429): the URL is likely wrong. */
  static DeskException httpRefused(int status, String where) {
    return new DeskException(Kind.UNAVAILABLE, status,
        where + " answered HTTP " + status + ": check DESK_REGION and DESK_API_URL.");
  }

  /** Network faults and timeouts through every attempt. */
  static DeskException unreachable(String where, String fault, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, 0,
        where + " could not be reached (" + fault + ") after " + attempts + " attempts: check DESK_REGION, DESK_API_URL and the network, or try again later.");
  }

  /** Bodies that are not Desk's JSON through every attempt. */
  static DeskException malformed(String where, int attempts) {
    return new DeskException(Kind.UNAVAILABLE, 0,
        where + " answered with something other than Desk's JSON on all " + attempts + " attempts: check that DESK_API_URL points at Desk, or try again later.");
  }

  /** The metrics and log word for a final outcome. */
  static String outcome(Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
