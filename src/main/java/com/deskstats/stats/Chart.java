package com.deskstats.stats;

import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The leaderboard chart for the digest: satisfaction and first response side by side as horizontal bars,
 * drawn headless with Java2D, sized for Slack's image preview, in the bundled font ({@link ChartFonts}) so that
 * it looks the same on every machine. Each text is cut with "…" to its own column.
 */
public final class Chart {
  private Chart() {}

  static final int WIDTH = 1200;
  static final int HEIGHT = 720;
  /** At most this many bars per board, whatever TOP_N says: more would not be readable. */
  static final int MAX_ROWS = 12;

  private static final Color INK = new Color(0x1D1C1D);
  private static final Color MUTED = new Color(0x616061);
  private static final Color GRID = new Color(0xDDDDDD);
  private static final Color SATISFACTION = new Color(0x2EB67D);
  private static final Color RESPONSE = new Color(0x36C5F0);
  private static final Color SAMPLE = new Color(0xE01E5A);

  /** The chart of a report as PNG bytes, {@value #WIDTH}×{@value #HEIGHT}. */
  public static byte[] png(Report r, Language language) {
    BufferedImage img = image(r, language);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the chart", e);
    }
    return out.toByteArray();
  }

  /** The chart in English as PNG bytes. */
  public static byte[] png(Report r) {
    return png(r, Language.EN);
  }

  /** The chart in English as an image, before PNG encoding. */
  static BufferedImage image(Report r) {
    return image(r, Language.EN);
  }

  /** The chart as an image, before PNG encoding. */
  static BufferedImage image(Report r, Language language) {
    return image(r, language, ChartFonts.withSystemFallback(), null, null);
  }

  /** A text drawn on the chart: from {@code x} to {@code right}, in a column that ends at {@code limit}. */
  record Drawn(String text, int x, int right, int limit) {}

  /**
   * A board's bar track: a bar of fraction f ends at {@code x + round(f * length)}; row i is centred at
   * {@code top + i * rowHeight + rowHeight / 2}.
   */
  record Track(int x, int length, int top, int rowHeight) {}

  /**
   * The chart drawn with {@code fonts}; every text drawn is added to {@code drawn} when that is not null.
   */
  static BufferedImage image(Report r, ChartFonts fonts, List<Drawn> drawn) {
    return image(r, Language.EN, fonts, drawn, null);
  }

  /** As {@link #image(Report, ChartFonts, List)}, adding each board's track (satisfaction first) to {@code tracks}. */
  static BufferedImage image(Report r, ChartFonts fonts, List<Drawn> drawn, List<Track> tracks) {
    return image(r, Language.EN, fonts, drawn, tracks);
  }

  /** The chart in {@code language}, noting what it drew in {@code drawn} and the tracks in {@code tracks}. */
  static BufferedImage image(Report r, Language language, ChartFonts fonts, List<Drawn> drawn, List<Track> tracks) {
    Texts t = Texts.of(language);
    Formats f = t.formats();
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Canvas c = new Canvas(g, fonts, drawn, tracks);
      int right = WIDTH - MARGIN;

      int badgeX = right;
      if (r.sample()) {
        String mark = t.get("report.chart.sample");
        int w = c.width(mark, Font.BOLD, 24) + 28;
        badgeX = right - w;
        g.setColor(SAMPLE);
        g.fillRoundRect(badgeX, 28, w, 40, 14, 14);
        g.setColor(Color.WHITE);
        c.text(mark, Font.BOLD, 24, badgeX + 14, 57, right);
        badgeX -= 20;
      }
      g.setColor(INK);
      c.text(t.get("report.chart.title", r.period().label(language)), Font.BOLD, 34, MARGIN, 58, badgeX);
      g.setColor(MUTED);
      c.text(t.get("report.chart.subtitle", r.zone().getId(), Math.min(Math.max(r.topN(), 0), MAX_ROWS)),
          Font.PLAIN, 20, MARGIN, 90, right);

      int rows = Math.min(Math.max(r.topN(), 0), MAX_ROWS);
      List<Bar> sat = new ArrayList<>();
      for (Ranked x : r.satisfaction().subList(0, Math.min(rows, r.satisfaction().size()))) {
        AgentStats a = x.agent();
        double share = a.ratedSessions() == 0 ? 0 : (double) a.satisfiedSessions() / a.ratedSessions();
        sat.add(new Bar(x.rank(), a, share, Leaderboards.wilsonLowerBound(a.satisfiedSessions(), a.ratedSessions()),
            Leaderboards.wilsonUpperBound(a.satisfiedSessions(), a.ratedSessions()),
            percent(share) + " (" + a.satisfiedSessions() + "/" + a.ratedSessions() + ")",
            r.comparison() == null ? "" : r.comparison().satisfactionMove(x).text(language)));
      }
      List<Bar> resp = new ArrayList<>();
      List<Ranked> fr = r.firstResponse().subList(0, Math.min(rows, r.firstResponse().size()));
      double slowest = fr.stream().mapToDouble(x -> x.agent().avgFirstRespTime()).max().orElse(1);
      for (Ranked x : fr) {
        AgentStats a = x.agent();
        double frac = slowest <= 0 ? 0 : a.avgFirstRespTime() / slowest;
        String within = a.firstRespUnder30Share().isPresent()
            ? " · " + t.get("report.chart.within30", percent(a.firstRespUnder30Share().getAsDouble())) : "";
        resp.add(new Bar(x.rank(), a, frac, Double.NaN, Double.NaN, f.seconds(a.avgFirstRespTime()) + within,
            r.comparison() == null ? "" : r.comparison().firstResponseMove(x).text(language)));
      }
      c.text(t.get("report.chart.whiskers"), Font.PLAIN, 17, MARGIN, 114, right);
      int top = 130;
      int panelW = (WIDTH - MARGIN * 2 - 40) / 2;
      panel(c, t, MARGIN, top, panelW, rows, t.get("report.label.satisfaction"),
          t.get("report.chart.satisfaction_note", r.minRatings()), SATISFACTION, sat, r.satisfaction().size(),
          t.get("report.chart.satisfaction_none", r.minRatings()));
      panel(c, t, MARGIN + panelW + 40, top, panelW, rows, t.get("report.label.first_response"),
          t.get("report.chart.first_response_note"), RESPONSE, resp, r.firstResponse().size(),
          t.get("report.chart.first_response_none"));
    } finally {
      g.dispose();
    }
    return img;
  }

  private static final int MARGIN = 40;

  /** A bar; {@code low}..{@code high} is its whisker (NaN: none); {@code move} its rank movement ("" for none). */
  private record Bar(int rank, AgentStats agent, double fraction, double low, double high, String value,
      String move) {}

  /** The name column's width, and the narrowest it gets to leave a wide value whole. */
  private static final int NAME_W = 240;
  private static final int MIN_NAME_W = 160;
  /** The shortest track a bar keeps. */
  private static final int MIN_BAR = 60;

  /** Space between a value and its movement. */
  private static final int MOVE_GAP = 10;

  private static void panel(Canvas c, Texts t, int x, int y, int w, int rows, String title, String note,
      Color color, List<Bar> bars, int total, String empty) {
    Graphics2D g = c.g;
    int right = x + w;
    g.setColor(INK);
    c.text(title, Font.BOLD, 28, x, y + 28, right);
    g.setColor(MUTED);
    c.text(note, Font.PLAIN, 18, x, y + 54, right);
    g.setColor(GRID);
    g.setStroke(new BasicStroke(2));
    g.drawLine(x, y + 68, right, y + 68);

    int listTop = y + 80;
    int bottom = HEIGHT - 50;
    int rowH = rows == 0 ? 0 : Math.min(46, (bottom - listTop) / rows);
    if (total == 0) {
      g.setColor(MUTED);
      c.text(empty, Font.PLAIN, 22, x, listTop + 36, right);
    }
    int rankW = 46;
    // Room for the widest value and its movement after the longest bar (or whisker), so that neither is cut.
    int widest = 0;
    for (Bar b : bars) widest = Math.max(widest, c.width(b.value(), Font.PLAIN, 18) + moveWidth(c, b));
    // Names give up width (down to MIN_NAME_W, cut with "…") before a value would be cut: wide Chinese values.
    int nameW = Math.max(MIN_NAME_W, Math.min(NAME_W, w - 10 - MIN_BAR - widest - 10));
    int barX = x + nameW + 10;
    int valueW = Math.min(widest + 10, w - nameW - 10 - MIN_BAR); // a bar keeps at least MIN_BAR px
    int barMax = right - barX - valueW;
    if (c.tracks != null) c.tracks.add(new Track(barX, barMax, listTop, rowH));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int rowY = listTop + i * rowH;
      int base = rowY + rowH / 2 + 8;
      // Rank and name are drawn apart so a right-to-left name cannot reorder the rank.
      String rank = b.rank() + ".";
      g.setColor(MUTED);
      c.text(rank, Font.PLAIN, 22, x + rankW - 8 - c.width(rank, Font.PLAIN, 22), base, x + rankW);
      g.setColor(INK);
      c.text(c.fonts.printable(b.agent()), Font.PLAIN, 20, x + rankW, base, x + nameW);
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
      // The value starts after the bar or its whisker, whichever ends later, and leaves room for the movement.
      int end = c.text(b.value(), Font.PLAIN, 18, barX + Math.max(len, 4) + 8, base, right - moveWidth(c, b));
      if (!b.move().isEmpty()) {
        g.setColor(MUTED);
        c.text(b.move(), Font.PLAIN, 18, end + MOVE_GAP, base, right);
      }
    }
    if (total > bars.size()) {
      g.setColor(MUTED);
      c.text(t.get("report.more", t.formats().count(total - bars.size())), Font.ITALIC, 20, x, HEIGHT - 20, right);
    }
  }

  /** The width the bar's movement takes after its value, gap included (0 when it has none). */
  private static int moveWidth(Canvas c, Bar b) {
    return b.move().isEmpty() ? 0 : MOVE_GAP + c.width(b.move(), Font.PLAIN, 18);
  }

  /** Draws texts with the chart's fonts, each cut with "…" to its column, and notes what it drew and the tracks. */
  private record Canvas(Graphics2D g, ChartFonts fonts, List<Drawn> drawn, List<Track> tracks) {
    int width(String text, int style, int size) {
      return ChartFonts.width(g, fonts.runs(text, style, size));
    }

    /** Draws {@code text} from {@code x}, cut to end by {@code limit}; returns the x after it. */
    int text(String text, int style, int size, int x, int baseline, int limit) {
      List<ChartFonts.Run> runs = fonts.fit(g, text, style, size, limit - x);
      int end = ChartFonts.draw(g, runs, x, baseline);
      if (drawn != null) {
        StringBuilder s = new StringBuilder();
        runs.forEach(r -> s.append(r.text()));
        drawn.add(new Drawn(s.toString(), x, end, limit));
      }
      return end;
    }
  }

  private static String percent(double share) {
    long p = Math.round(share * 100);
    if (p >= 100 && share < 1) p = 99;
    return p + "%";
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
