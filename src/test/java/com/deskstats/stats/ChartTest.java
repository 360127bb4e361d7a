package com.deskstats.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.RenderFixtures;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
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
import java.util.Map;
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

  /** One name per script the bundled font must cover. */
  private static final List<String> SCRIPTS = List.of(
      "Nguyễn Thị Hạnh", "김민준", "さくら", "サクラ", "陳志強", "李娜王伟", "Zoë Ørsted");

  @Test
  void bundledFontDrawsEveryScriptWithRealGlyphs() {
    Font font = ChartFonts.bundled().deriveFont(22f);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    BufferedImage tofu = draw("\uE000", font); // private use: not in the font, so its missing glyph
    for (String name : SCRIPTS) {
      assertThat(font.canDisplayUpTo(name)).as("bundled font displays %s", name).isEqualTo(-1);
      GlyphVector gv = font.createGlyphVector(frc, name);
      for (int i = 0; i < gv.getNumGlyphs(); i++) {
        assertThat(gv.getGlyphCode(i)).as("glyph %d of %s", i, name).isNotEqualTo(font.getMissingGlyphCode());
      }
      name.codePoints().filter(cp -> cp != ' ').forEach(cp -> {
        BufferedImage glyph = draw(Character.toString(cp), font);
        assertThat(inkPixels(glyph)).as("ink of %s", Character.toString(cp)).isGreaterThan(10);
        assertThat(sameImage(glyph, tofu)).as("%s drawn as the missing glyph", Character.toString(cp)).isFalse();
      });
    }
    // Real glyphs of different characters differ; boxes would not.
    assertThat(sameImage(draw("李", font), draw("娜", font))).isFalse();
    assertThat(sameImage(draw("ễ", font), draw("e", font))).isFalse();
  }

  @Test
  void chartDrawsEveryScriptsNameRatherThanTheAgentId() {
    for (String name : SCRIPTS) {
      List<Chart.Drawn> drawn = new ArrayList<>();
      Chart.image(oneAgent(name), ChartFonts.bundledOnly(), drawn);
      assertThat(texts(drawn)).as("texts drawn for %s", name).contains(name).doesNotContain(AGENT);
    }
    assertThat(sameImage(Chart.image(oneAgent("李娜")), Chart.image(oneAgent("王伟")))).isFalse();
  }

  @Test
  void chartIsTheSameWhateverFontsTheMachineHolds() {
    List<AgentStats> agents = new ArrayList<>();
    for (int i = 0; i < SCRIPTS.size(); i++) {
      agents.add(RenderFixtures.agent("a" + i + "@x", SCRIPTS.get(i), 40, 0, 12, 11 - i, 9 + i, 38 - i));
    }
    Report r = RenderFixtures.report(DAY, agents, false, 3, 10);
    // The machine's fonts only draw what the bundled font lacks: with names it covers, they change nothing.
    assertThat(sameImage(Chart.image(r, ChartFonts.withSystemFallback(), null),
        Chart.image(r, ChartFonts.bundledOnly(), null))).isTrue();
  }

  @Test
  void aCharacterNoFontHasIsLeftOutOfTheName() {
    List<Chart.Drawn> drawn = new ArrayList<>();
    BufferedImage rocket = Chart.image(oneAgent("Sam 🚀"), ChartFonts.bundledOnly(), drawn);
    assertThat(texts(drawn)).contains("Sam").doesNotContain("Sam 🚀", AGENT);
    assertThat(sameImage(rocket, Chart.image(oneAgent("Sam"), ChartFonts.bundledOnly(), null))).isTrue();
    // U+0378 is unassigned: no font on any machine has it.
    assertThat(sameImage(Chart.image(oneAgent("Sam\u0378")), Chart.image(oneAgent("Sam")))).isTrue();
  }

  @Test
  void agentIdIsDrawnOnlyWhenNothingOfTheNameIsLeft() {
    List<Chart.Drawn> drawn = new ArrayList<>();
    Chart.image(oneAgent("🚀🛸"), ChartFonts.bundledOnly(), drawn);
    assertThat(texts(drawn)).contains(AGENT);
    drawn.clear();
    Chart.image(oneAgent("🚀 Sam"), ChartFonts.bundledOnly(), drawn);
    assertThat(texts(drawn)).contains("Sam").doesNotContain(AGENT);
    BufferedImage undrawable = Chart.image(oneAgent("\u0378\u0379"));
    assertThat(sameImage(undrawable, Chart.image(oneAgent("")))).isTrue();
    assertThat(sameImage(undrawable, Chart.image(oneAgent("李娜")))).isFalse();
  }

  @Test
  void decomposedVietnameseIsDrawnComposed() {
    List<Chart.Drawn> drawn = new ArrayList<>();
    Chart.image(oneAgent("Nguye\u0302\u0303n"), ChartFonts.bundledOnly(), drawn);
    assertThat(texts(drawn)).contains("Nguyễn");
  }

  @Test
  void noTextReachesPastItsColumnAndValueLabelsAreWhole() {
    List<AgentStats> agents = List.of(
        RenderFixtures.agent("long@x", "Nguyễn Thị Hạnh Phương Thảo Trần Lê", 40, 0, 12, 11, 21, 31),
        RenderFixtures.agent("cjk@x", "名字很长的客服人员名字很长的客服人员", 40, 0, 12, 12, 3_725, 40),
        RenderFixtures.agent("ko@x", "김민준김민준김민준김민준김민준", 12_345, 0, 12_345, 12_344, 59, 12_345));
    List<Chart.Drawn> drawn = new ArrayList<>();
    Chart.image(RenderFixtures.report(DAY, agents, true, 3, 10), ChartFonts.bundledOnly(), drawn);
    assertThat(drawn).isNotEmpty().allSatisfy(d -> {
      assertThat(d.right()).as("right end of %s", d.text()).isLessThanOrEqualTo(d.limit());
      assertThat(d.limit()).as("column of %s", d.text()).isLessThanOrEqualTo(Chart.WIDTH - 40);
    });
    assertThat(texts(drawn)).contains("21s · 78% ≤30s", "1h 02m · 100% ≤30s", "59s · 100% ≤30s",
        "92% (11/12)", "100% (12/12)", "99% (12344/12345)");
    // Each value is followed, whole and after its end, by its rank movement.
    List<List<String>> valueAndMove = List.of(List.of("100% (12/12)", "▲1"), List.of("99% (12344/12345)", "▼1"),
        List.of("92% (11/12)", "="), List.of("21s · 78% ≤30s", "▲1"), List.of("59s · 100% ≤30s", "▼1"),
        List.of("1h 02m · 100% ≤30s", "="));
    for (List<String> pair : valueAndMove) {
      int i = texts(drawn).indexOf(pair.get(0));
      assertThat(drawn.get(i + 1).text()).as("movement after %s", pair.get(0)).isEqualTo(pair.get(1));
      assertThat(drawn.get(i + 1).x()).as("movement after %s", pair.get(0)).isGreaterThan(drawn.get(i).right());
    }
    List<String> names = texts(drawn).stream().filter(t -> t.startsWith("Nguyễn") || t.startsWith("名字")
        || t.startsWith("김민준")).toList();
    assertThat(names).hasSize(6).allSatisfy(n -> assertThat(n).endsWith("…"));
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
    // 95% (18/19): the bar ends at 94.7% of its track, the whisker's top at 99.1%.
    Report r = RenderFixtures.report(DAY, List.of(RenderFixtures.agent("a@x", "A", 20, 0, 19, 18, 9, 15)), false, 3, 10);
    List<Chart.Drawn> drawn = new ArrayList<>();
    List<Chart.Track> tracks = new ArrayList<>();
    BufferedImage img = Chart.image(r, ChartFonts.bundledOnly(), drawn, tracks);
    Chart.Track sat = tracks.get(0);
    assertThat(sat.x() + sat.length()).as("satisfaction track in the left half").isLessThan(Chart.WIDTH / 2);
    int mid = sat.top() + sat.rowHeight() / 2;
    int hi = sat.x() + (int) Math.round(Leaderboards.wilsonUpperBound(18, 19) * sat.length());
    int barEnd = sat.x() + (int) Math.round(18.0 / 19 * sat.length());
    assertThat(hi).isGreaterThan(barEnd + 1);
    assertThat(ink(img, barEnd - 2, mid - 6)).as("bar").isBetween(200, 500);
    assertThat(ink(img, hi - 1, mid)).as("whisker").isLessThan(200);
    assertThat(ink(img, hi, mid - 6)).as("upper cap").isLessThan(200);
    assertThat(ink(img, hi, mid + 6)).as("upper cap").isLessThan(200);
    assertThat(ink(img, hi + 4, mid)).as("past the whisker").isEqualTo(3 * 255);
    // The value label starts past the whisker, not over it.
    assertThat(texts(drawn)).contains("95% (18/19)", "=");
    Chart.Drawn value = drawn.stream().filter(d -> d.text().equals("95% (18/19)")).findFirst().orElseThrow();
    assertThat(value.x()).isGreaterThan(hi + 1);
  }

  @Test
  void chineseChartHasChineseTitlesLegendsValuesAndSampleBadge() {
    List<AgentStats> agents = new ArrayList<>(List.of(
        RenderFixtures.agent("li@x", "李娜", 40, 0, 12, 11, 21, 31),
        RenderFixtures.agent("wang@x", "王伟", 40, 0, 12, 12, 3_725, 40),
        RenderFixtures.agent("zhang@x", "张敏", 12, 0, 12, 10, 59, 12),
        RenderFixtures.agent("chen@x", "陈静", 12, 0, 12, 9, 75, 5)));
    Report r = RenderFixtures.report(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), agents,
        true, 3, 10);
    List<Chart.Drawn> drawn = new ArrayList<>();
    Chart.image(r, Language.ZH, ChartFonts.bundledOnly(), drawn, null);
    assertThat(texts(drawn)).contains("示例数据", "Desk 团队排行榜 · 2026年11月16日至11月22日",
        "按 Asia/Shanghai 时区计日 · 每个榜单前 10 名", "满意度误差线：95% Wilson 区间；榜单按区间下限排名。",
        "满意度", "按 Wilson 下限排名，至少 3 条评价", "首次响应", "平均用时，最快的在前",
        "21秒 · 78% ≤30秒", "1小时02分 · 100% ≤30秒", "1分15秒 · 42% ≤30秒", "新上榜")
        .noneMatch(t -> t.matches(".*(Satisfaction|First response|Sample data|leaderboard|avg|new).*"));
    BufferedImage sample = Chart.image(r, Language.ZH);
    Color badge = new Color(sample.getRGB(Chart.WIDTH - 44, 48));
    assertThat(badge.getRed()).isGreaterThan(180);
    assertThat(badge.getGreen()).isLessThan(90);
    assertThat(sameImage(sample, Chart.image(r, Language.EN))).isFalse();
  }

  @Test
  void chineseEmptyBoardsAndTheTailAreChinese() {
    List<Chart.Drawn> drawn = new ArrayList<>();
    Chart.image(RenderFixtures.report(DAY, List.of(), false, 3, 10), Language.ZH, ChartFonts.bundledOnly(), drawn, null);
    assertThat(texts(drawn)).contains("Desk 团队排行榜 · 2026年11月24日 周二", "没有客服达到 3 条评价", "没有客服应答过会话");
    List<AgentStats> agents = new ArrayList<>();
    for (int i = 0; i < 30; i++) agents.add(RenderFixtures.agent("a" + i + "@x", "客服" + i, 30, 0, 10, 9, 5 + i, 20));
    drawn.clear();
    Chart.image(RenderFixtures.report(DAY, agents, false, 3, 30), Language.ZH, ChartFonts.bundledOnly(), drawn, null);
    assertThat(texts(drawn)).contains("…另有 18 位客服");
  }

  /**
   * No label is cut or reaches past its column in either language, with the longest period label (a range across
   * years), a long zone name, a sample badge and long names in every script.
   */
  @Test
  void noLabelIsCutAtTheEdgeInEitherLanguage() {
    List<AgentStats> agents = List.of(
        RenderFixtures.agent("long@x", "Nguyễn Thị Hạnh Phương Thảo Trần Lê", 40, 0, 12, 11, 21, 31),
        RenderFixtures.agent("cjk@x", "名字很长的客服人员名字很长的客服人员", 40, 0, 12, 12, 3_725, 40),
        RenderFixtures.agent("ko@x", "김민준김민준김민준김민준김민준", 12_345, 0, 12_345, 12_344, 59, 12_345));
    Period longest = new Period(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 19));
    for (Language l : Language.values()) {
      for (Period p : List.of(DAY, longest)) {
        Report r = RenderFixtures.report(p, agents, true, 3, 10);
        List<Chart.Drawn> drawn = new ArrayList<>();
        Chart.image(r, l, ChartFonts.bundledOnly(), drawn, null);
        assertThat(drawn).isNotEmpty().allSatisfy(d -> {
          assertThat(d.right()).as("right end of %s", d.text()).isLessThanOrEqualTo(d.limit());
          assertThat(d.limit()).as("column of %s", d.text()).isLessThanOrEqualTo(Chart.WIDTH - 40);
        });
        Texts t = Texts.of(l);
        assertThat(texts(drawn)).as("labels in %s", l).contains(t.get("report.chart.sample"),
            t.get("report.chart.title", p.label(l)), t.get("report.chart.subtitle", "Asia/Shanghai", 10),
            t.get("report.chart.whiskers"), t.get("report.label.satisfaction"), t.get("report.label.first_response"),
            t.get("report.chart.satisfaction_note", 3), t.get("report.chart.first_response_note"));
        List<String> names = texts(drawn).stream().filter(x -> x.startsWith("Nguyễn") || x.startsWith("名字")
            || x.startsWith("김민준")).toList();
        assertThat(names).hasSize(6).allSatisfy(n -> assertThat(n).endsWith("…"));
        assertThat(texts(drawn)).filteredOn(x -> !names.contains(x)).noneMatch(x -> x.endsWith("…"));
      }
    }
  }

  /** Every character the Chinese chart can draw outside names is a real glyph of the bundled font: no tofu. */
  @Test
  void everyChineseCharacterOfTheChartIsInTheBundledFont() {
    Font font = ChartFonts.bundled().deriveFont(22f);
    FontRenderContext frc = new FontRenderContext(null, true, true);
    Texts zh = Texts.of(Language.ZH);
    StringBuilder all = new StringBuilder();
    Map<String, Object[]> keys = Map.ofEntries(
        Map.entry("report.chart.sample", new Object[0]),
        Map.entry("report.chart.title", new Object[] {"x"}),
        Map.entry("report.chart.subtitle", new Object[] {"Asia/Shanghai", 10}),
        Map.entry("report.chart.within30", new Object[] {"78%"}),
        Map.entry("report.chart.whiskers", new Object[0]),
        Map.entry("report.chart.satisfaction_note", new Object[] {3}),
        Map.entry("report.chart.satisfaction_none", new Object[] {3}),
        Map.entry("report.chart.first_response_note", new Object[0]),
        Map.entry("report.chart.first_response_none", new Object[0]),
        Map.entry("report.label.satisfaction", new Object[0]),
        Map.entry("report.label.first_response", new Object[0]),
        Map.entry("report.more", new Object[] {"1,234"}),
        Map.entry("report.move_new", new Object[0]));
    keys.forEach((k, args) -> all.append(zh.get(k, args)));
    // Durations and every weekday and month of the period labels.
    for (double sec : new double[] {5, 75, 3_725}) all.append(zh.formats().seconds(sec));
    for (int d = 0; d < 7; d++) all.append(Period.day(LocalDate.of(2026, 11, 23).plusDays(d)).label(Language.ZH));
    all.append(new Period(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 19)).label(Language.ZH));
    all.append(new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)).label(Language.ZH));
    String text = all.toString().replace(" ", "");
    assertThat(font.canDisplayUpTo(text)).as("first character the bundled font lacks in %s", text).isEqualTo(-1);
    GlyphVector gv = font.createGlyphVector(frc, text);
    for (int i = 0; i < gv.getNumGlyphs(); i++) {
      assertThat(gv.getGlyphCode(i)).as("glyph %d of %s", i, text).isNotEqualTo(font.getMissingGlyphCode());
    }
    assertThat(text).contains("示例数据", "排行榜", "周一", "周日", "秒", "小时");
  }


  private static int ink(BufferedImage img, int x, int y) {
    Color c = new Color(img.getRGB(x, y));
    return c.getRed() + c.getGreen() + c.getBlue();
  }

  private static final String AGENT = "a7@example.com";

  private static List<String> texts(List<Chart.Drawn> drawn) {
    return drawn.stream().map(Chart.Drawn::text).toList();
  }

  private static Report oneAgent(String nickname) {
    return RenderFixtures.report(DAY, List.of(RenderFixtures.agent(AGENT, nickname, 40, 0, 12, 11, 9, 38)),
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
