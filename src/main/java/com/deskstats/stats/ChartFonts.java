package com.deskstats.stats;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chart's fonts: the bundled Noto Sans CJK subset draws everything it covers (Latin with Vietnamese, Chinese,
 * Japanese, Korean), so the PNG is the same on every machine; a system font only draws a character the bundled
 * font lacks, and a character no font has is left out.
 */
final class ChartFonts {
  /** The bundled font, in the jar; its licence is {@code fonts/OFL.txt} beside it. */
  static final String RESOURCE = "/fonts/NotoSansCJKsc-Regular-subset.otf";

  private final Font bundled;
  private final List<Font> system;
  private final Map<String, Font> derived = new HashMap<>();
  private final Map<Integer, Font> byCodePoint = new HashMap<>();

  private ChartFonts(Font bundled, List<Font> system) {
    this.bundled = bundled;
    this.system = system;
  }

  /** The bundled font first, then the machine's fonts for what it lacks. */
  static ChartFonts withSystemFallback() {
    return new ChartFonts(bundled(), Installed.FONTS);
  }

  /** The bundled font alone: what every machine draws the same. */
  static ChartFonts bundledOnly() {
    return new ChartFonts(bundled(), List.of());
  }

  /** The bundled font at size 1, loaded once from the jar. */
  static Font bundled() {
    return Bundled.FONT;
  }

  private static final class Bundled {
    static final Font FONT = load();

    private static Font load() {
      try (InputStream in = ChartFonts.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("The chart font " + RESOURCE + " is missing from the jar.");
        return Font.createFont(Font.TRUETYPE_FONT, new BufferedInputStream(in));
      } catch (IOException | FontFormatException e) {
        throw new IllegalStateException("The chart font " + RESOURCE + " could not be read.", e);
      }
    }
  }

  /** The machine's font families, read once: they do not change while the JVM runs. */
  private static final class Installed {
    static final List<Font> FONTS = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames(Locale.ENGLISH)).stream().map(f -> new Font(f, Font.PLAIN, 1)).toList();
  }

  /** The bundled font in a style (bold and italic are synthesised) and size. */
  Font base(int style, float size) {
    return derived.computeIfAbsent(style + "/" + size, k -> bundled.deriveFont(style, size));
  }

  /** The font, at size 1, that draws {@code cp}: the bundled one if it can, else a system one, else null. */
  private Font fontFor(int cp) {
    if (bundled.canDisplay(cp)) return bundled;
    return byCodePoint.computeIfAbsent(cp, c -> system.stream().filter(f -> f.canDisplay(c)).findFirst().orElse(null));
  }

  /** {@code text} without the characters no font can draw. */
  String drawable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> fontFor(cp) != null).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The agent's name as one drawable line; its AgentId only when nothing of the name is left. */
  String printable(AgentStats a) {
    String name = drawable(Chart.oneLine(nfc(a.displayName()))).strip();
    if (!name.isEmpty()) return name;
    return drawable(Chart.oneLine(a.agentId())).strip();
  }

  private static String nfc(String s) {
    // Composed letters: the subset keeps no mark-positioning tables, so "e" + U+0302 + U+0303 would stack badly.
    return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** A piece of text in one font. */
  record Run(String text, Font font) {}

  /** {@code text} split into runs, each in the font that draws it at {@code size}. */
  List<Run> runs(String text, int style, float size) {
    List<Run> runs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    Font currentFont = null;
    for (int cp : text.codePoints().toArray()) {
      Font f = fontFor(cp);
      if (f == null) continue;
      if (currentFont != null && f != currentFont) {
        runs.add(run(current.toString(), currentFont, style, size));
        current.setLength(0);
      }
      currentFont = f;
      current.appendCodePoint(cp);
    }
    if (currentFont != null) runs.add(run(current.toString(), currentFont, style, size));
    return runs;
  }

  private Run run(String text, Font font, int style, float size) {
    return new Run(text, font == bundled ? base(style, size) : font.deriveFont(style, size));
  }

  /** The width of {@code runs} in pixels, measured with each run's FontMetrics. */
  static int width(Graphics2D g, List<Run> runs) {
    int w = 0;
    for (Run r : runs) w += g.getFontMetrics(r.font()).stringWidth(r.text());
    return w;
  }

  /** {@code text} in runs that fit {@code width} pixels: cut by code points, ending with "…", when too long. */
  List<Run> fit(Graphics2D g, String text, int style, float size, int width) {
    List<Run> all = runs(text, style, size);
    if (width(g, all) <= width) return all;
    int[] cps = text.codePoints().toArray();
    for (int n = cps.length - 1; n >= 0; n--) {
      List<Run> cut = runs(new String(cps, 0, n).stripTrailing() + "…", style, size);
      if (width(g, cut) <= width) return cut;
    }
    return List.of();
  }

  /** Draws {@code runs} from {@code x} on {@code baseline}; returns the x after the last one. */
  static int draw(Graphics2D g, List<Run> runs, int x, int baseline) {
    for (Run r : runs) {
      g.setFont(r.font());
      FontMetrics fm = g.getFontMetrics();
      g.drawString(r.text(), x, baseline);
      x += fm.stringWidth(r.text());
    }
    return x;
  }
}
