package com.deskstats.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.desk.DemoDesk;
import com.deskstats.desk.DeskException;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportService;
import com.deskstats.stats.Scope;
import com.deskstats.stats.Reports;
import com.deskstats.testing.RenderFixtures;
import com.deskstats.testing.SlackLimits;
import com.deskstats.text.Language;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewTest {

  private static final Clock CLOCK = Clock.fixed(RenderFixtures.NOW, ZoneOffset.UTC);

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  // ---------------------------------------------------------------- arguments

  @Test
  void periodWordsAndOptionsAreRead() {
    Preview.Options o = Preview.parseArgs(List.of("last", "7", "days", "--agent", "li.na@x", "--json", "--chart",
        "out.png", "--demo"));
    assertThat(o).isEqualTo(new Preview.Options("last 7 days", Optional.of("li.na@x"), true, true,
        Optional.of(Path.of("out.png")), false));
  }

  @Test
  void noArgumentsMeanYesterdaysTeamReport() {
    assertThat(Preview.parseArgs(List.of()))
        .isEqualTo(new Preview.Options("", Optional.empty(), false, false, Optional.empty(), false));
  }

  @Test
  void equalsFormIsAccepted() {
    Preview.Options o = Preview.parseArgs(List.of("--agent=bob@x", "--chart=c.png", "2026-11-01..2026-11-07"));
    assertThat(o.agent()).contains("bob@x");
    assertThat(o.chart()).contains(Path.of("c.png"));
    assertThat(o.period()).isEqualTo("2026-11-01..2026-11-07");
  }

  @Test
  void badArgumentsAreOneSentenceWithUsage() {
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--bogus")))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(((Preview.UsageException) e).sentence()).isEqualTo("Unknown option --bogus."))
        .hasMessageContaining("Usage: desk-stats preview");
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--agent"))).hasMessageStartingWith("--agent needs a value.");
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--chart", "--json"))).hasMessageStartingWith("--chart needs a value.");
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--agent", "a", "--agent", "b")))
        .hasMessageStartingWith("--agent was given twice.");
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--json=yes"))).hasMessageStartingWith("--json takes no value.");
  }

  // ---------------------------------------------------------------- running

  @Test
  void demoTeamReportHasBothBoardsAndIsMarkedAsSampleAtTopAndBottom() {
    int code = Preview.run(Preview.parseArgs(List.of("--demo")), demoReports(), out, err, CLOCK);
    String text = out();
    assertThat(code).isZero();
    assertThat(err()).isEmpty();
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).contains("SAMPLE DATA");
    assertThat(lines.get(lines.size() - 1)).contains("SAMPLE DATA");
    assertThat(text).contains("Desk team report · Tue 24 Nov 2026", "Team summary", "Satisfaction · at least 3 ratings",
        "First response · agents who answered", "Needs attention", "Asia/Shanghai", "李娜");
    assertThat(text).contains("<!channel> Bob"); // a terminal is not Slack: shown as typed, nothing to escape
    assertThat(text).doesNotContain("\u001b");
  }

  @Test
  void tablesLineUpWithCjkNames() {
    Report r = RenderFixtures.smallTeam(Period.day(LocalDate.of(2026, 11, 24)), false);
    String text = TerminalText.report(r, CLOCK);
    // In the satisfaction table, the AgentId column starts, and the right-aligned last column ends, at the same
    // terminal column on every row, although 李娜 is 2 characters and 4 columns wide.
    List<String> rows = text.lines().dropWhile(l -> !l.startsWith("Satisfaction ·")).skip(1)
        .takeWhile(l -> !l.isBlank()).toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).contains("李娜");
    assertThat(TextTable.width(rows.get(1).substring(0, rows.get(1).indexOf("li.na@"))))
        .isEqualTo(TextTable.width(rows.get(2).substring(0, rows.get(2).indexOf("bob@"))))
        .isEqualTo(TextTable.width(rows.get(0).substring(0, rows.get(0).indexOf("AgentId"))));
    assertThat(rows).allSatisfy(l -> assertThat(TextTable.width(l)).isEqualTo(TextTable.width(rows.get(0))));
  }

  @Test
  void agentCardShowsEveryMetricBesideTheTeamMedian() {
    int code = Preview.run(Preview.parseArgs(List.of("--demo", "--agent", "li.na@deskdemo.example", "last", "7", "days")),
        demoReports(), out, err, CLOCK);
    assertThat(code).isZero();
    assertThat(out()).contains("SAMPLE DATA", "Agent card · 18 Nov – 24 Nov 2026", "李娜  (li.na@deskdemo.example)",
        "Satisfaction board:   #", "First response board: #", "Team median", "Sessions", "Unreplied", "Satisfaction",
        "First response", "Within 30 s", "Response", "Session duration", "Transferred", "Effective", "Ended by agent",
        "Users served", "Messages", "Online", "First login", "Last logout");
  }

  @Test
  void unknownAgentIsOneSentence() {
    int code = Preview.run(Preview.parseArgs(List.of("--agent", "nobody@x")), demoReports(), out, err, CLOCK);
    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("No agent with AgentId nobody@x was active in Tue 24 Nov 2026.\n");
  }

  @Test
  void badPeriodIsOneSentenceOnStderr() {
    int code = Preview.run(Preview.parseArgs(List.of("2026-12-01")), demoReports(), out, err, CLOCK);
    assertThat(code).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void deskFailureIsOneSentenceOnStderr() {
    Reports failing = new Reports() {
      @Override
      public Report report(Period period, Scope scope) throws DeskException {
        throw new DeskException(DeskException.Kind.CREDENTIALS, 70001, "Desk refused the key: check DESK_SECRET_KEY.");
      }

      @Override
      public Optional<AgentCard> card(Period period, Scope scope, String agentId) throws DeskException {
        return report(period) == null ? Optional.empty() : Optional.empty();
      }

      @Override
      public LocalDate today() {
        return RenderFixtures.TODAY;
      }
    };
    int code = Preview.run(Preview.parseArgs(List.of()), failing, out, err, CLOCK);
    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("Desk refused the key: check DESK_SECRET_KEY.\n");
  }

  @Test
  void jsonIsTheBlockKitMessage() {
    int code = Preview.run(Preview.parseArgs(List.of("--json", "--demo")), demoReports(), out, err, CLOCK);
    assertThat(code).isZero();
    var json = JsonParser.parseString(out()).getAsJsonObject();
    assertThat(json.get("text").getAsString()).startsWith("[Sample data] Desk team report");
    assertThat(json.getAsJsonArray("blocks").size()).isBetween(5, 50);
    assertThat(out()).contains("&lt;!channel&gt; Bob").doesNotContain("<!channel>");
    assertThat(SlackLimits.violations(out())).isEmpty();
  }

  @Test
  void demoCardsFitSlackForEveryAgentAndPeriod() {
    for (String id : DemoDesk.agentIds()) {
      for (String period : List.of("yesterday", "today", "last 30 days")) {
        outBytes.reset();
        int code = Preview.run(Preview.parseArgs(List.of("--json", "--agent", id, period)), demoReports(), out, err, CLOCK);
        if (code == 1) continue; // not active in that period (a part-timer's day off)
        assertThat(code).isZero();
        assertThat(SlackLimits.violations(out())).as("%s %s", id, period).isEmpty();
      }
    }
  }

  @Test
  void chartIsWrittenAsPng(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chart.png");
    int code = Preview.run(Preview.parseArgs(List.of("--demo", "--chart", file.toString())), demoReports(), out, err,
        CLOCK);
    assertThat(code).isZero();
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1200);
    assertThat(out()).contains("Chart written to " + file);
  }

  @Test
  void unwritableChartIsOneSentence(@TempDir Path dir) {
    Path file = dir.resolve("missing-folder/chart.png");
    int code = Preview.run(Preview.parseArgs(List.of("--chart", file.toString())), demoReports(), out, err, CLOCK);
    assertThat(code).isEqualTo(1);
    assertThat(err()).startsWith("Could not write the chart to ").endsWith("writable.\n");
  }

  @Test
  void helpPrintsUsage() {
    assertThat(Preview.run(Preview.parseArgs(List.of("--help")), demoReports(), out, err, CLOCK)).isZero();
    assertThat(out()).startsWith("Usage: desk-stats preview");
  }

  @Test
  void terminalTextIsCleanedAndMeasured() {
    assertThat(TextTable.width("李娜")).isEqualTo(4);
    assertThat(TextTable.width("e\u0301")).isEqualTo(1);
    assertThat(TextTable.clean("evil\u001b[2Jname\nnext", 40)).isEqualTo("evil [2Jname next");
    assertThat(TextTable.clean("李娜李娜李娜", 7)).isEqualTo("李娜李…");
  }

  // ---------------------------------------------------------------- languages

  @Test
  void langOptionIsReadAndABadOneIsOneSentence() {
    assertThat(Preview.parseArgs(List.of("--lang", "zh", "昨天")).lang()).contains(Language.ZH);
    assertThat(Preview.parseArgs(List.of("--lang=EN")).lang()).contains(Language.EN);
    assertThat(Preview.parseArgs(List.of()).lang()).isEmpty();
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--lang", "fr")))
        .satisfies(e -> assertThat(((Preview.UsageException) e).sentence()).isEqualTo("--lang is en or zh, not fr."));
    assertThatThrownBy(() -> Preview.parseArgs(List.of("--lang", "zh", "--lang", "en")))
        .hasMessageStartingWith("--lang was given twice.");
  }

  @Test
  void withoutLangTheBotLanguageIsUsedAndLangWins() {
    assertThat(Preview.parseArgs(List.of()).orLanguage(Language.ZH).language()).isEqualTo(Language.ZH);
    assertThat(Preview.parseArgs(List.of("--lang", "en")).orLanguage(Language.ZH).language()).isEqualTo(Language.EN);
    assertThat(Preview.parseArgs(List.of()).language()).isEqualTo(Language.EN);
  }

  @Test
  void chineseTerminalReportIsChineseMarkedAsSampleAndLinedUp() {
    int code = Preview.run(Preview.parseArgs(List.of("--demo", "--lang", "zh")), demoReports(), out, err, CLOCK);
    assertThat(code).isZero();
    String text = out();
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("=== 示例数据：内置的演示团队，并非你的 Desk 数据 ===");
    assertThat(lines.get(lines.size() - 1)).isEqualTo(lines.get(0));
    assertThat(text).contains("Desk 团队报告 · 2026年11月24日 周二", "团队概况（变化对比 2026年11月17日 周二）",
        "满意度 · 至少 3 条评价", "首次响应 · 有应答的客服", "需要关注 · 未回复的会话", "按 Asia/Shanghai 时区计日")
        .doesNotContain("Team summary", "Needs attention", " avg");
    // Chinese headers are two columns a character: every row of the satisfaction table is as wide as its header.
    List<String> rows = lines.stream().dropWhile(l -> !l.startsWith("满意度 ·")).skip(1)
        .takeWhile(l -> !l.isBlank() && l.startsWith("  ")).toList();
    assertThat(rows.get(0)).contains("客服", "满意度", "变化");
    List<String> agents = rows.stream().filter(l -> l.contains("@")).toList();
    assertThat(agents).hasSizeGreaterThan(2).anySatisfy(l -> assertThat(l).contains("李娜"))
        .allSatisfy(l -> assertThat(TextTable.width(l)).isEqualTo(TextTable.width(rows.get(0))));
    int agentIdColumn = TextTable.width(rows.get(0).substring(0, rows.get(0).indexOf("AgentId")));
    assertThat(agents).allSatisfy(l -> {
      int at = l.indexOf('@');
      int start = l.lastIndexOf("  ", at) + 2;
      assertThat(TextTable.width(l.substring(0, start))).isEqualTo(agentIdColumn);
    });
  }

  @Test
  void chineseCardJsonAndChartFollowTheLanguage(@TempDir Path dir) throws Exception {
    int code = Preview.run(Preview.parseArgs(List.of("--demo", "--lang", "zh", "--agent", "li.na@deskdemo.example")),
        demoReports(), out, err, CLOCK);
    assertThat(code).isZero();
    assertThat(out()).contains("客服卡片 · 2026年11月24日 周二", "满意度榜：", "首次响应榜：", "指标", "该客服", "团队中位数",
        "已应答", "在线", "首次登录", "最后登出", "最近 14 天");
    outBytes.reset();
    Path file = dir.resolve("chart.png");
    code = Preview.run(Preview.parseArgs(List.of("--demo", "--json", "--lang", "zh", "--chart", file.toString())),
        demoReports(), out, err, CLOCK);
    assertThat(code).isZero();
    var json = JsonParser.parseString(out()).getAsJsonObject();
    assertThat(json.get("text").getAsString()).startsWith("【示例数据】Desk 团队报告 · 2026年11月24日 周二：");
    assertThat(SlackLimits.violations(out())).isEmpty();
    assertThat(err()).startsWith("图表已写入 " + file + "（");
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(1200);
    errBytes.reset();
    code = Preview.run(Preview.parseArgs(List.of("--lang", "zh", "--agent", "nobody@x")), demoReports(), out, err, CLOCK);
    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("AgentId 为 nobody@x 的客服在 2026年11月24日 周二 没有活动。\n");
  }

  private static Reports demoReports() {
    DemoDesk demo = new DemoDesk(CLOCK, RenderFixtures.SHANGHAI);
    DaySource days = new DaySource() {
      @Override
      public DayRows day(LocalDate day) {
        return new DayRows(day, demo.fetchDay(day, Set.of()), CLOCK.instant());
      }

      @Override
      public boolean sample() {
        return demo.sample();
      }
    };
    return new ReportService(days, RenderFixtures.SHANGHAI, 3, 10, CLOCK);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
