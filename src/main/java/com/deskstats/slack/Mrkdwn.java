package com.deskstats.slack;

/** Makes text from Desk safe to put in Slack mrkdwn: it can never ping, link or restyle a message. */
public final class Mrkdwn {
  private Mrkdwn() {}

  /** Slack's three control characters as entities: {@code &}→{@code &amp;}, {@code <}→{@code &lt;}, {@code >}→{@code &gt;}. */
  public static String escape(String raw) {
    if (raw == null) return "";
    StringBuilder out = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      String entity = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        default -> null;
      };
      if (entity == null) {
        if (out != null) out.append(c);
      } else {
        if (out == null) out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
        out.append(entity);
      }
    }
    return out == null ? raw : out.toString();
  }

  /**
   * A name from Desk for one line of mrkdwn: at most {@code maxCodePoints} code points (an ellipsis marks a cut),
   * line breaks and control characters as spaces, bidi overrides dropped, formatting marks ({@code * _ ~ `})
   * swapped for look-alikes so a nickname cannot restyle the line, {@code @channel}/{@code @here}/{@code @everyone}
   * broken, then {@link #escape}d.
   */
  public static String name(String raw, int maxCodePoints) {
    return escape(neutralise(truncate(raw, maxCodePoints)));
  }

  /** {@link #name} without escaping: for plain text (terminal tables, plain_text objects, the chart). */
  public static String plainName(String raw, int maxCodePoints) {
    return neutralise(truncate(raw, maxCodePoints));
  }

  /** An identifier in a code span: escaped, backticks and line breaks replaced, so it keeps its other characters. */
  public static String code(String raw, int maxCodePoints) {
    String t = truncate(raw, maxCodePoints);
    StringBuilder out = new StringBuilder(t.length() + 2).append('`');
    t.codePoints().forEach(cp -> {
      if (cp == '`') out.append('\u02CB');
      else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) out.append('\uFFFD');
      else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) out.append(' ');
      else if (!isBidiControl(cp)) out.appendCodePoint(cp);
    });
    return escape(out.append('`').toString());
  }

  /**
   * At most {@code maxCodePoints} code points of {@code raw}, never splitting a surrogate pair; a cut text ends
   * in "…" (counted in the limit). Null is "".
   */
  public static String truncate(String raw, int maxCodePoints) {
    if (raw == null) return "";
    if (maxCodePoints < 1) return "";
    // A UTF-16 length within the limit cannot have more code points than that.
    if (raw.length() <= maxCodePoints) return raw;
    if (raw.codePointCount(0, raw.length()) <= maxCodePoints) return raw;
    int end = raw.offsetByCodePoints(0, maxCodePoints - 1);
    return raw.substring(0, end) + "…";
  }

  private static String neutralise(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean lastSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isBidiControl(cp)) continue;
      if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
        out.append('\uFFFD'); // a lone surrogate: not text Slack can show
        lastSpace = false;
        continue;
      }
      if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (!lastSpace) out.append(' ');
        lastSpace = true;
        continue;
      }
      lastSpace = false;
      switch (cp) {
        case '*' -> out.append('\u2217'); // ∗ asterisk operator
        case '_' -> out.append('\u02CD'); // ˍ modifier letter low macron
        case '~' -> out.append('\u223C'); // ∼ tilde operator
        case '`' -> out.append('\u02CB'); // ˋ modifier letter grave accent
        case '@' -> {
          out.append('@');
          if (startsBroadcast(s, i)) out.append('\u2060'); // word joiner: "@channel" stays text
        }
        default -> out.appendCodePoint(cp);
      }
    }
    return out.toString().strip();
  }

  private static boolean startsBroadcast(String s, int from) {
    for (String word : new String[] {"channel", "here", "everyone"}) {
      if (s.regionMatches(true, from, word, 0, word.length())) return true;
    }
    return false;
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
        || cp == 0x061C;
  }
}
