package com.deskstats.ops;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Redacts anything that looks like a credential from a line of text; the log encoder applies it to every line. */
public final class SecretMasker {
  private SecretMasker() {}

  /** What a redacted value is replaced by. */
  public static final String REDACTED = "***";

  private record Rule(Pattern pattern, String replacement) {}

  // An optional quote, JSON-escaped or not: the JSON log format escapes quotes inside messages as \".
  private static final String QUOTE = "(?:\\\\?[\"'])?";
  // A value ends at a separator, a quote or a backslash (so a JSON line stays valid after masking).
  private static final String VALUE = "[^&\\s\"',;}\\\\]+";

  // Order matters: the keyed rules keep their key so a reader still sees what was hidden.
  private static final List<Rule> RULES = List.of(
      // Slack tokens: bot, user, refresh (xoxe.xoxp-…), configuration, and app-level tokens.
      new Rule(Pattern.compile("\\b(xox[a-z])-[A-Za-z0-9-]+"), "$1-" + REDACTED),
      new Rule(Pattern.compile("\\b(xapp)-[A-Za-z0-9-]+"), "$1-" + REDACTED),
      // Desk's UserSig in a query string, a header or JSON.
      new Rule(Pattern.compile("(?i)(usersig" + QUOTE + "\\s*[=:]\\s*" + QUOTE + ")" + VALUE), "$1" + REDACTED),
      // Passwords and secrets written as key=value or "key": "value" (JDBC URLs, config dumps).
      new Rule(Pattern.compile("(?i)((?:password|passwd|secret|secret_key|secretkey|signing_secret|token|api_key)" + QUOTE
          + "\\s*[=:]\\s*" + QUOTE + ")" + VALUE), "$1" + REDACTED),
      new Rule(Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + REDACTED),
      // DESK_SECRET_KEY (64 hex digits) and Slack signing secrets (32 hex digits).
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{32,}\\b"), REDACTED),
      // A bare UserSig or similar opaque credential: a very long unbroken run of base64/base64url characters.
      new Rule(Pattern.compile("[A-Za-z0-9*_+/=-]{100,}"), REDACTED));

  /** The text with every credential-looking part replaced by {@value #REDACTED}; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) out = m.replaceAll(rule.replacement());
    }
    return out;
  }
}
