package com.deskstats.stats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The leaderboard chart for the digest: satisfaction and first response side by side as horizontal bars,
 * drawn headless with Java2D, sized for Slack's image preview. Names use a CJK-capable font where one is
 * installed; a name no installed font can show is drawn as its AgentId.
 */
public final class Chart {
  private Chart() {}

  static final int WIDTH = 1200;
  static final int HEIGHT = 720;
  /** At most this many bars per board, whatever TOP_N says: more would not be readable. */
  static final int MAX_ROWS = 12;

  /** Fonts we prefer, in order: they cover Latin and CJK. */
  private static final List<String> PREFERRED = List.of(
      "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
      "Microsoft YaHei", "PingFang SC", "SimHei", "Droid Sans Fallback");

  private static final Color INK = new Color(0x1D1C1D);
  private static final Color MUTED = new Color(0x616061);
  private static final Color GRID = new Color(0xDDDDDD);
  private static final Color SATISFACTION = new Color(0x2EB67D);
  private static final Color RESPONSE = new Color(0x36C5F0);
  private static final Color SAMPLE = new Color(0xE01E5A);

  /** The chart of a report as PNG bytes, {@value #WIDTH}×{@value #HEIGHT}. */
  public static byte[] png(Report r) {
    BufferedImage img = image(r);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart", e);
    }
    return out.toByteArray();
  }

  /** The chart as an image, before PNG encoding. */
  static BufferedImage image(Report r) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Fonts fonts = new Fonts(baseFamily());

      g.setFont(fonts.base(Font.BOLD, 34));
      g.setColor(INK);
      g.drawString("Desk team leaderboard · " + r.period().label(), 40, 58);
      g.setFont(fonts.base(Font.PLAIN, 20));
      g.setColor(MUTED);
      g.drawString("Days in " + r.zone().getId() + " · top " + Math.min(Math.max(r.topN(), 0), MAX_ROWS)
          + " of each board", 40, 90);
      if (r.sample()) {
        String mark = "Sample data";
        g.setFont(fonts.base(Font.BOLD, 24));
        int w = g.getFontMetrics().stringWidth(mark) + 28;
        g.setColor(SAMPLE);
        g.fillRoundRect(WIDTH - 40 - w, 28, w, 40, 14, 14);
        g.setColor(Color.WHITE);
        g.drawString(mark, WIDTH - 40 - w + 14, 57);
      }

      int rows = Math.min(Math.max(r.topN(), 0), MAX_ROWS);
      List<Bar> sat = new ArrayList<>();
      for (Ranked x : r.satisfaction().subList(0, Math.min(rows, r.satisfaction().size()))) {
        AgentStats a = x.agent();
        double share = a.ratedSessions() == 0 ? 0 : (double) a.satisfiedSessions() / a.ratedSessions();
        sat.add(new Bar(x.rank(), a, share, Leaderboards.wilsonLowerBound(a.satisfiedSessions(), a.ratedSessions()),
            Leaderboards.wilsonUpperBound(a.satisfiedSessions(), a.ratedSessions()), percent(share) + " (" + a.satisfiedSessions() + "/" + a.ratedSessions() + ")"
            + move(r.comparison(), r.comparison() == null ? null : r.comparison().satisfactionMove(x))));
      }
      List<Bar> resp = new ArrayList<>();
      List<Ranked> fr = r.firstResponse().subList(0, Math.min(rows, r.firstResponse().size()));
      double slowest = fr.stream().mapToDouble(x -> x.agent().avgFirstRespTime()).max().orElse(1);
      for (Ranked x : fr) {
        AgentStats a = x.agent();
        double frac = slowest <= 0 ? 0 : a.avgFirstRespTime() / slowest;
        String within = a.firstRespUnder30Share().isPresent()
            ? " · " + percent(a.firstRespUnder30Share().getAsDouble()) + " ≤30s" : "";
        resp.add(new Bar(x.rank(), a, frac, Double.NaN, Double.NaN, seconds(a.avgFirstRespTime()) + within
            + move(r.comparison(), r.comparison() == null ? null : r.comparison().firstResponseMove(x))));
      }
      g.setFont(fonts.base(Font.PLAIN, 17));
      g.drawString("Satisfaction whiskers: 95% Wilson interval; the board ranks by its lower end.", 40, 114);
      int top = 130;
      int panelW = (WIDTH - 40 * 2 - 40) / 2;
      panel(g, fonts, 40, top, panelW, rows, "Satisfaction", "Wilson-ranked, at least " + r.minRatings() + " ratings",
          SATISFACTION, sat, r.satisfaction().size(), "No agent has " + r.minRatings() + "+ ratings");
      panel(g, fonts, 40 + panelW + 40, top, panelW, rows, "First response", "average, fastest first",
          RESPONSE, resp, r.firstResponse().size(), "No agent answered a session");
    } finally {
      g.dispose();
    }
    return img;
  }

  /** A bar; {@code low}..{@code high} is its whisker (NaN: none). */
  private record Bar(int rank, AgentStats agent, double fraction, double low, double high, String label) {}

  private static void panel(Graphics2D g, Fonts fonts, int x, int y, int w, int rows, String title, String note,
      Color color, List<Bar> bars, int total, String empty) {
    g.setColor(INK);
    g.setFont(fonts.base(Font.BOLD, 28));
    g.drawString(title, x, y + 28);
    g.setFont(fonts.base(Font.PLAIN, 18));
    g.setColor(MUTED);
    g.drawString(note, x, y + 54);
    g.setColor(GRID);
    g.setStroke(new BasicStroke(2));
    g.drawLine(x, y + 68, x + w, y + 68);

    int listTop = y + 80;
    int bottom = HEIGHT - 50;
    int rowH = rows == 0 ? 0 : Math.min(46, (bottom - listTop) / rows);
    if (total == 0) {
      g.setFont(fonts.base(Font.PLAIN, 22));
      g.setColor(MUTED);
      g.drawString(empty, x, listTop + 36);
    }
    int rankW = 46;
    int nameW = 220;
    int valueW = 150;
    int barX = x + nameW + 10;
    int barMax = w - nameW - 10 - valueW - 10;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int rowY = listTop + i * rowH;
      int base = rowY + rowH / 2 + 8;
      // Rank and name are drawn apart so a right-to-left name cannot reorder the rank.
      String rank = b.rank() + ".";
      g.setFont(fonts.base(Font.PLAIN, 22));
      g.setColor(MUTED);
      FontMetrics rm = g.getFontMetrics();
      g.drawString(rank, x + rankW - 8 - rm.stringWidth(rank), base);
      String name = fonts.printable(b.agent());
      g.setFont(fonts.forText(name, 22));
      g.setColor(INK);
      g.drawString(fit(name, g.getFontMetrics(), nameW - rankW), x + rankW, base);
      int len = (int) Math.round(Math.max(0, Math.min(1, b.fraction())) * barMax);
      g.setColor(color);
      g.fillRoundRect(barX, rowY + 6, Math.max(len, 4), rowH - 12, 8, 8);
      g.setColor(INK);
      if (!Double.isNaN(b.low())) {
        int lo = barX + (int) Math.round(b.low() * barMax);
        int hi = barX + (int) Math.round(b.high() * barMax);
        int mid = rowY + rowH / 2;
        g.setStroke(new BasicStroke(2));
        g.drawLine(lo, mid, hi, mid);
        g.drawLine(lo, mid - 7, lo, mid + 7);
        g.drawLine(hi, mid - 7, hi, mid + 7);
        len = Math.max(len, hi - barX);
      }
      g.setFont(fonts.base(Font.PLAIN, 20));
      g.drawString(fit(b.label(), g.getFontMetrics(), valueW + barMax - len), barX + Math.max(len, 4) + 8, base);
    }
    if (total > bars.size()) {
      g.setFont(fonts.base(Font.ITALIC, 20));
      g.setColor(MUTED);
      g.drawString("…and " + String.format(Locale.ENGLISH, "%,d", total - bars.size()) + " more", x, HEIGHT - 20);
    }
  }

  /** "  ▲2" after a bar's value: its move since the comparison period. */
  private static String move(Comparison c, Comparison.Move m) {
    return c == null ? "" : "  " + m.text();
  }

    /** The text, cut by code points with "…" until it fits {@code width} pixels. */
  private static String fit(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) return s;
    int[] cps = s.codePoints().toArray();
    int n = cps.length;
    while (n > 0) {
      n--;
      String cut = new String(cps, 0, n) + "…";
      if (fm.stringWidth(cut) <= width) return cut;
    }
    return "";
  }

  private static String percent(double share) {
    long p = Math.round(share * 100);
    if (p >= 100 && share < 1) p = 99;
    return p + "%";
  }

  private static String seconds(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + "s";
    if (s < 3600) return String.format(Locale.ENGLISH, "%dm %02ds", s / 60, s % 60);
    return String.format(Locale.ENGLISH, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  /** The family the chart uses for its own text and for names: the first preferred one installed, else SansSerif. */
  static String baseFamily() {
    return Installed.BASE;
  }

  /** Installed font families, read once: the environment does not change while the JVM runs. */
  private static final class Installed {
    static final List<String> FAMILIES = List.of(
        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ENGLISH));
    static final String BASE = PREFERRED.stream()
        .filter(p -> FAMILIES.stream().anyMatch(f -> f.equalsIgnoreCase(p)))
        .findFirst()
        .orElse(Font.SANS_SERIF);
  }

  /** Picks fonts per text for one chart, remembering each choice. */
  static final class Fonts {
    private final String base;
    private final Map<String, Font> cache = new HashMap<>();

    Fonts(String base) {
      this.base = base;
    }

    Font base(int style, int size) {
      return cache.computeIfAbsent(base + style + "/" + size, k -> new Font(base, style, size));
    }

    /** A font that displays every character of {@code text}, or the base font when none does. */
    Font forText(String text, int size) {
      Font f = base(Font.PLAIN, size);
      if (f.canDisplayUpTo(text) == -1) return f;
      for (String family : Installed.FAMILIES) {
        Font other = cache.computeIfAbsent(family + "/" + size, k -> new Font(family, Font.PLAIN, size));
        if (other.canDisplayUpTo(text) == -1) return other;
      }
      return f;
    }

    /** True when some installed font can draw every character of {@code text}. */
    boolean displayable(String text) {
      return forText(text, 22).canDisplayUpTo(text) == -1;
    }

    /** The agent's display name, made one line, or its AgentId when no font can draw the name. */
    String printable(AgentStats a) {
      String name = oneLine(a.displayName());
      if (!name.isEmpty() && displayable(name)) return name;
      return oneLine(a.agentId());
    }
  }

  /** Control characters, line breaks and bidi overrides out: a name is drawn as one left-to-right line. */
  static String oneLine(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
    s.codePoints().limit(200).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.isWhitespace(cp)) out.append(' ');
      else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F) {
        // dropped: would reorder the rest of the line
      } else out.appendCodePoint(cp);
    });
    return out.toString().strip();
  }
}
