package com.deskstats.preview;

import java.util.ArrayList;
import java.util.List;

/** A terminal table whose columns line up for CJK (two columns a character) and combining marks (none). */
final class TextTable {

  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  /** @param rightAligned per column, whether it is aligned to the right (numbers) */
  TextTable(boolean... rightAligned) {
    this.rightAligned = rightAligned.clone();
  }

  TextTable row(String... cells) {
    rows.add(cells.clone());
    return this;
  }

  /** The rows, each prefixed with {@code indent}, columns two spaces apart, no trailing spaces. */
  String render(String indent) {
    int cols = rightAligned.length;
    int[] widths = new int[cols];
    for (String[] r : rows) for (int c = 0; c < cols && c < r.length; c++) widths[c] = Math.max(widths[c], width(r[c]));
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < cols; c++) {
        String cell = c < r.length && r[c] != null ? r[c] : "";
        int pad = widths[c] - width(cell);
        if (c > 0) line.append("  ");
        if (rightAligned[c]) line.append(" ".repeat(pad)).append(cell);
        else line.append(cell).append(" ".repeat(pad));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Columns a terminal gives the text. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += width(cp);
    }
    return w;
  }

  static int width(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || cp == 0x200B) {
      return 0;
    }
    return wide(cp) ? 2 : 1;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F680 && cp <= 0x1F6FF)
        || (cp >= 0x1F900 && cp <= 0x1F9FF)
        || (cp >= 0x1FA70 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  /**
   * Text from Desk made safe for a terminal: control characters (escape sequences) and line breaks become
   * spaces, bidi overrides go, and it is cut to {@code maxWidth} columns with "…".
   */
  static String clean(String raw, int maxWidth) {
    if (raw == null) return "";
    StringBuilder s = new StringBuilder();
    raw.codePoints().limit(2_000).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.isWhitespace(cp) || (cp >= 0x80 && cp <= 0x9F)) s.append(' ');
      else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F) {
        // dropped: would reorder the rest of the line
      } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) s.append('\uFFFD');
      else s.appendCodePoint(cp);
    });
    String t = s.toString().strip().replaceAll(" {2,}", " ");
    if (width(t) <= maxWidth) return t;
    StringBuilder cut = new StringBuilder();
    int w = 0;
    for (int i = 0; i < t.length(); ) {
      int cp = t.codePointAt(i);
      int cw = width(cp);
      if (w + cw > maxWidth - 1) break;
      cut.appendCodePoint(cp);
      w += cw;
      i += Character.charCount(cp);
    }
    return cut.append('…').toString();
  }
}
