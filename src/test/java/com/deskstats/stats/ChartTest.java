package com.deskstats.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.RenderFixtures;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartTest {

  private static final Period DAY = Period.day(LocalDate.of(2026, 11, 24));

  @Test
  void pngDecodesAtSlackPreviewSize() throws IOException {
    byte[] png = Chart.png(RenderFixtures.smallTeam(DAY, false));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img.getWidth()).isEqualTo(1200);
    assertThat(img.getHeight()).isEqualTo(720);
  }

  @Test
  void chosenFontDrawsCjkNamesWithRealGlyphs() {
    Chart.Fonts fonts = new Chart.Fonts(Chart.baseFamily());
    String name = "李娜王伟";
    Font font = fonts.forText(name, 22);
    assertThat(font.canDisplayUpTo(name)).as("font %s displays %s", font.getFamily(), name).isEqualTo(-1);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    GlyphVector gv = font.createGlyphVector(frc, name);
    for (int i = 0; i < gv.getNumGlyphs(); i++) {
      assertThat(gv.getGlyphCode(i)).as("glyph %d is the missing glyph", i).isNotEqualTo(font.getMissingGlyphCode());
    }
    // Boxes look alike; real glyphs of different characters do not, and none looks like a missing glyph.
    BufferedImage li = draw("李", font);
    BufferedImage na = draw("娜", font);
    BufferedImage tofu = draw("\uE000", font);
    assertThat(sameImage(li, na)).isFalse();
    assertThat(sameImage(li, tofu)).isFalse();
    assertThat(sameImage(na, tofu)).isFalse();
    assertThat(inkPixels(li)).isGreaterThan(40);
  }

  @Test
  void chartDrawsDifferentCjkNamesDifferently() {
    BufferedImage a = Chart.image(oneAgent("李娜"));
    BufferedImage b = Chart.image(oneAgent("王伟"));
    assertThat(sameImage(a, b)).isFalse();
  }

  @Test
  void nameNoFontCanShowIsDrawnAsAgentId() {
    // U+0378 is unassigned: no font has it, so the chart must draw the AgentId, as for an empty nickname.
    BufferedImage undrawable = Chart.image(oneAgent("\u0378\u0379"));
    BufferedImage empty = Chart.image(oneAgent(""));
    BufferedImage cjk = Chart.image(oneAgent("李娜"));
    assertThat(sameImage(undrawable, empty)).isTrue();
    assertThat(sameImage(undrawable, cjk)).isFalse();
  }

  @Test
  void sampleDataIsMarkedOnTheChart() {
    BufferedImage sample = Chart.image(RenderFixtures.smallTeam(DAY, true));
    BufferedImage real = Chart.image(RenderFixtures.smallTeam(DAY, false));
    Color badge = new Color(sample.getRGB(Chart.WIDTH - 44, 48));
    assertThat(badge.getRed()).isGreaterThan(180);
    assertThat(badge.getGreen()).isLessThan(90);
    assertThat(new Color(real.getRGB(Chart.WIDTH - 44, 48))).isEqualTo(Color.WHITE);
  }

  @Test
  void hugeAndEmptyTeamsRender() throws IOException {
    List<AgentStats> agents = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      agents.add(RenderFixtures.agent("a" + i + "@x", "名字很长的客服人员".repeat(20) + i, 30, i % 3, 10, i % 11, 5 + i % 90, 20));
    }
    for (Report r : List.of(RenderFixtures.report(DAY, agents, false, 3, 10_000),
        RenderFixtures.report(DAY, List.of(), false, 3, 10))) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Chart.png(r)));
      assertThat(img.getWidth()).isEqualTo(1200);
      assertThat(img.getHeight()).isEqualTo(720);
    }
  }

  @Test
  void satisfactionBarsCarryTheirWilsonWhiskerPastTheBarsEnd() {
    // 95% (18/19): the bar ends at 94.7% of its track, the whisker's top at 99.1%. Geometry: the left panel's
    // track starts at x 270 and is 150 px long; the first of ten rows is centred at y 233.
    Report r = RenderFixtures.report(DAY, List.of(RenderFixtures.agent("a@x", "A", 20, 0, 19, 18, 9, 15)), false, 3, 10);
    BufferedImage img = Chart.image(r);
    int hi = 270 + (int) Math.round(Leaderboards.wilsonUpperBound(18, 19) * 150);
    int barEnd = 270 + (int) Math.round(18.0 / 19 * 150);
    assertThat(hi).isGreaterThan(barEnd + 1);
    Color onWhisker = new Color(img.getRGB(hi - 1, 233));
    assertThat(onWhisker.getRed() + onWhisker.getGreen() + onWhisker.getBlue()).isLessThan(200);
    Color cap = new Color(img.getRGB(hi, 227));
    assertThat(cap.getRed() + cap.getGreen() + cap.getBlue()).isLessThan(200);
  }

  private static Report oneAgent(String nickname) {
    return RenderFixtures.report(DAY, List.of(RenderFixtures.agent("agent.7@example.com", nickname, 40, 0, 12, 11, 9, 38)),
        false, 3, 10);
  }

  private static BufferedImage draw(String s, Font font) {
    BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 80, 60);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    g.setColor(Color.BLACK);
    g.setFont(font.deriveFont(40f));
    g.drawString(s, 10, 48);
    g.dispose();
    return img;
  }

  private static long inkPixels(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) n++;
    }
    return n;
  }

  private static boolean sameImage(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
    }
    return true;
  }
}
