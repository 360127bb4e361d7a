package com.deskstats.slack;

import static com.deskstats.slack.ReportBlocksTest.fields;
import static com.deskstats.slack.ReportBlocksTest.sectionTexts;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.testing.RenderFixtures;
import com.deskstats.text.Language;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The team report and the agent card read in Chinese for a Chinese reader, with the same escaping and marks. */
class ReportBlocksChineseTest {

  private static final ReportBlocks.Options ZH =
      new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW, Language.ZH);
  private static final Period YESTERDAY = Period.day(LocalDate.of(2026, 11, 24));
  private static final Period WEEK = new Period(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 15));

  @Test
  void sampleDataIsMarkedInChineseInHeaderTextAndContext() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, true);
    ReportBlocks.Message m = ReportBlocks.report(r, ZH);
    assertThat(header(m)).isEqualTo("【示例数据】Desk 团队报告 · 2026年11月24日 周二");
    assertThat(m.text()).startsWith("【示例数据】Desk 团队报告 · 2026年11月24日 周二：");
    assertThat(context(m)).startsWith("*示例数据*：内置的演示团队，并非你的 Desk 数据 · 时间段 2026年11月24日 周二");
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), ZH);
    assertThat(header(card)).isEqualTo("【示例数据】客服卡片 · 2026年11月24日 周二");
    assertThat(card.text()).startsWith("【示例数据】客服卡片");
    assertThat(context(card)).startsWith("*示例数据*：");
    ReportBlocks.Message real = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), ZH);
    assertThat(header(real) + real.text() + context(real)).doesNotContain("示例数据", "Sample data");
  }

  @Test
  void groupReportNamesTheGroupInChinese() {
    Report r = ReportBlocksTest.inGroup(RenderFixtures.smallTeam(YESTERDAY, false), "tier1");
    assertThat(header(ReportBlocks.report(r, ZH))).isEqualTo("Desk 团队报告 · 分组 tier1 · 2026年11月24日 周二");
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), ZH);
    assertThat(header(card)).isEqualTo("客服卡片 · 分组 tier1 · 2026年11月24日 周二");
    assertThat(String.join("\n", fields(card))).contains("_分组中位数 30 · 未回复 1_").doesNotContain("团队中位数");
  }

  @Test
  void chineseReportReadsChineseAndKeepsEscaping() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), ZH);
    assertThat(fields(m)).contains("*会话*\n95   ▼ 5", "*满意度*\n90% (18/20)   ▲ 10个百分点（改善）",
        "*首次响应*\n平均 30秒   ▲ 16秒（变差）", "*30秒内响应*\n占已应答会话的 84%   ±0个百分点");
    assertThat(String.join("\n", sectionTexts(m))).contains(
        "*满意度*  _至少 3 条评价，按 Wilson 置信下限从高到低排列_",
        "1. *李娜* · 平均 9秒 · 30秒内响应 95% · ▲1",
        "• *&lt;!channel&gt; Bob &amp; &lt;@U123&gt;* · 30 个会话中 2 个未回复")
        .doesNotContain("<!channel>", "avg", "unreplied");
    assertThat(context(m)).isEqualTo("时间段 2026年11月24日 周二 · 按 Asia/Shanghai 时区计日 · "
        + "数据截至 14:05（Asia/Shanghai），3分钟前 · 对比 2026年11月17日 周二");
    assertThat(m.text()).isEqualTo("Desk 团队报告 · 2026年11月24日 周二：会话 95 个，活跃客服 4 名，满意度 90% (18/20)，"
        + "平均首次响应 30秒，未回复 8 个。与 2026年11月17日 周二 相比：会话 ▼ 5，满意度 ▲ 10个百分点（改善），"
        + "首次响应 ▲ 16秒（变差），未回复 ▲ 3（变差）。");
  }

  @Test
  void emptyBoardsAndNoComparisonDataReadInChinese() {
    Report r = ReportBlocksTest.withPrevious(RenderFixtures.report(YESTERDAY, List.of(), false, 3, 10), null);
    ReportBlocks.Message m = ReportBlocks.report(r, ZH);
    assertThat(String.join("\n", sectionTexts(m))).contains("本时段没有客服收到至少 3 条评价。",
        "本时段没有客服应答过会话。", "所有会话都已回复。");
    assertThat(fields(m)).contains("*首次响应*\n暂无已应答会话");
    assertThat(context(m)).endsWith("对比 2026年11月17日 周二，当时无数据");
    assertThat(m.text()).isEqualTo("Desk 团队报告 · 2026年11月24日 周二：会话 0 个，活跃客服 0 名，未回复 0 个。");
  }

  @Test
  void longBoardsEndWithHowManyMoreInChinese() {
    List<AgentStats> agents = new ArrayList<>();
    for (int i = 0; i < 25; i++) agents.add(RenderFixtures.agent("a" + i + "@x", "客服" + i, 30, 1, 10, 9, 5 + i, 20));
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.report(YESTERDAY, agents, false, 3, 10), ZH);
    assertThat(sectionTexts(m)).filteredOn(t -> t.startsWith("*")).hasSize(3)
        .allSatisfy(t -> assertThat(t).endsWith("\n…另有 15 位客服"));
  }

  @Test
  void weekButtonsSayHowManyDaysInChinese() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(WEEK, false), ZH);
    assertThat(buttons(m)).containsExactly("◀ 前 7 天", "后 7 天 ▶", "发到频道");
    assertThat(buttons(ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), ZH)))
        .containsExactly("◀ 前一天", "后一天 ▶", "发到频道");
  }

  @Test
  void chineseCardShowsRanksMediansAndTrendsInChinese() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), ZH);
    List<String> s = sectionTexts(card);
    assertThat(s.get(0)).contains("*满意度榜* 第 1 名（共 2 名）· ▲1", "*首次响应榜* 第 1 名（共 3 名）· ▲1");
    assertThat(String.join("\n", fields(card))).contains("*会话*\n40 · 已应答 40 · 未回复 0\n_团队中位数 30 · 未回复 1_",
        "*首次响应*\n平均 9秒 · 30秒内响应 95%\n_团队中位数 15秒 · 30秒内响应 90%_",
        "*在线时长*\n7小时45分\n空闲 5小时00分 · 忙碌 2小时00分 · 小休 45分",
        "*首次登录 · 最后登出*\n11月20日 周五 09:00\n11月20日 周五 17:00");
    assertThat(s.get(1)).startsWith("*最近 14 天*  _每个字符代表一天")
        .contains("*会话*  11月11日 `", "` 11月24日").endsWith("  _越低越快_");
    String silent = sectionTexts(ReportBlocks.card(RenderFixtures.card(r, "tom@example.com"), ZH)).get(0);
    assertThat(silent).contains("未上榜：0 条评价，需至少 3 条", "未上榜：没有已应答的会话");
    assertThat(ReportBlocks.card(RenderFixtures.card(r, "tom@example.com"), ZH).text())
        .isEqualTo("客服卡片 · 2026年11月24日 周二：Trainee ∗Tom∗，会话 5 个，满意度 暂无评价，暂无已应答会话，未回复 5 个。");
  }

  @Test
  void englishFallbackCountsAgreeWithTheirNouns() {
    AgentStats one = RenderFixtures.agent("a@x", "Ann", 1, 0, 1, 1, 12, 1);
    Report r = RenderFixtures.report(YESTERDAY, List.of(one), false, 1, 10);
    ReportBlocks.Options en = new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW);
    assertThat(ReportBlocks.report(r, en).text()).startsWith("Desk team report · Tue 24 Nov 2026: 1 session, 1 active agent,");
    assertThat(ReportBlocks.card(RenderFixtures.card(r, "a@x"), en).text()).contains(": Ann, 1 session, satisfaction");
    assertThat(String.join("\n", sectionTexts(ReportBlocks.report(r, en)))).contains("_at least 1 rating,");
  }

  @Test
  void emptyNoticeFallsBackInTheReadersLanguage() {
    assertThat(ReportBlocks.notice("", Language.ZH).text()).isEqualTo("出错了，请稍后再试。");
    assertThat(ReportBlocks.notice(null, Language.EN).text()).isEqualTo("Something went wrong.");
    assertThat(ReportBlocks.noticeMrkdwn(" ", Language.ZH).text()).isEqualTo("出错了，请稍后再试。");
    assertThat(ReportBlocks.notice("出错 <x>", Language.ZH).text()).isEqualTo("出错 &lt;x&gt;");
  }

  private static String header(ReportBlocks.Message m) {
    return ((HeaderBlock) m.blocks().get(0)).getText().getText();
  }

  private static String context(ReportBlocks.Message m) {
    return m.blocks().stream().filter(b -> b instanceof ContextBlock).map(b -> (ContextBlock) b)
        .map(c -> ((MarkdownTextObject) c.getElements().get(0)).getText()).findFirst().orElseThrow();
  }

  private static List<String> buttons(ReportBlocks.Message m) {
    return m.blocks().stream().filter(b -> b instanceof ActionsBlock).flatMap(b -> ((ActionsBlock) b).getElements().stream())
        .map(e -> ((ButtonElement) e).getText().getText()).toList();
  }
}
