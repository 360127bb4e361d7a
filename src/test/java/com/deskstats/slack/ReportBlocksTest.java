package com.deskstats.slack;

import static com.deskstats.testing.RenderFixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.Scope;
import com.deskstats.stats.TeamSummary;
import com.deskstats.testing.RenderFixtures;
import com.deskstats.testing.SlackLimits;
import com.google.gson.JsonParser;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportBlocksTest {

  private static final LocalDate TODAY = RenderFixtures.TODAY;
  private static final Period YESTERDAY = Period.day(TODAY.minusDays(1));
  private static final ReportBlocks.Options EPHEMERAL = new ReportBlocks.Options(TODAY, true, true, RenderFixtures.NOW);
  private static final ReportBlocks.Options PUBLIC = new ReportBlocks.Options(TODAY, false, true, RenderFixtures.NOW);

  @Test
  void reportHasHeaderSummaryBothBoardsNeedsAttentionAndContext() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL);
    assertThat(m.blocks().get(0)).isInstanceOf(HeaderBlock.class);
    assertThat(((HeaderBlock) m.blocks().get(0)).getText().getText()).isEqualTo("Desk team report · Tue 24 Nov 2026");
    assertThat(((SectionBlock) m.blocks().get(1)).getFields()).hasSize(6);
    List<String> texts = sectionTexts(m);
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("*Satisfaction*").contains("1. *李娜* · 92% (11/12)"));
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("*First response*").contains("9s avg · 95% within 30 s"));
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("*Needs attention*")
        .contains("• *Trainee ∗Tom∗* · 5 unreplied of 5"));
    assertThat(context(m)).contains("Period Tue 24 Nov 2026", "Asia/Shanghai", "data as of 14:05 Asia/Shanghai, 3 min ago");
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
  }

  @Test
  void summaryFieldsShowSatisfactionAsShareAndCountsWithChanges() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL);
    List<String> fields = fields(m);
    assertThat(fields).containsExactly(
        "*Sessions*\n95   ▼ 5",
        "*Active agents*\n4   ▲ 1",
        "*Satisfaction*\n90% (18/20)   ▲ 10 pts (better)",
        "*First response*\n30s avg   ▲ 16s (worse)",
        "*Within 30 s*\n84% of answered   ±0 pts",
        "*Unreplied*\n8   ▲ 3 (worse)");
  }

  @Test
  void summaryArrowsSayWhetherTheChangeIsGoodForTheTeamInBlocksAndFallback() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    // Before: slower first response, fewer satisfied, more unreplied, so every change now is better.
    Report better = withPrevious(r, new TeamSummary(100, 3, 10, 20, 95, 60, 50, 20));
    ReportBlocks.Message m = ReportBlocks.report(better, EPHEMERAL);
    assertThat(fields(m)).contains("*First response*\n30s avg   ▼ 30s (better)", "*Unreplied*\n8   ▼ 12 (better)",
        "*Satisfaction*\n90% (18/20)   ▲ 40 pts (better)", "*Sessions*\n95   ▼ 5");
    assertThat(m.text()).endsWith("Compared with Tue 17 Nov 2026: sessions ▼ 5, satisfaction ▲ 40 pts (better), "
        + "first response ▼ 30s (better), unreplied ▼ 12 (better).");
    assertThat(com.deskstats.text.Formats.of(com.deskstats.text.Language.EN).judged("▲ 4s", com.deskstats.text.Formats.Good.DOWN)).isEqualTo("▲ 4s (worse)");
    assertThat(com.deskstats.text.Formats.of(com.deskstats.text.Language.EN).judged("±0s", com.deskstats.text.Formats.Good.DOWN)).isEqualTo("±0s");
    assertThat(com.deskstats.text.Formats.of(com.deskstats.text.Language.EN).judged("▲ 4", com.deskstats.text.Formats.Good.NEITHER)).isEqualTo("▲ 4");
  }

  @Test
  void everyBoardRowShowsItsMoveAndTheContextNamesTheComparison() {
    List<AgentStats> team = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) team.add(RenderFixtures.agent("a" + i + "@x", "A" + i, 10, 0, 10, 9 - i, 10 + i, 5));
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.report(YESTERDAY, team, false, 3, 10), EPHEMERAL);
    String firstResponse = sectionTexts(m).stream().filter(t -> t.startsWith("*First response*")).findFirst().orElseThrow();
    assertThat(firstResponse.lines().skip(1).map(l -> l.substring(l.lastIndexOf(" · ") + 3)))
        .containsExactly("▲1", "▼1", "=", "=", "new");
    assertThat(context(m)).contains("compared with Tue 17 Nov 2026");
    assertThat(context(ReportBlocks.report(withPrevious(RenderFixtures.smallTeam(YESTERDAY, false), TeamSummary.EMPTY),
        EPHEMERAL))).contains("compared with Tue 17 Nov 2026, no data then");
  }

  @Test
  void changesAreLeftOutWhenThePreviousPeriodHasNoData() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    Report noPrevious = withPrevious(r, TeamSummary.EMPTY);
    ReportBlocks.Message m = ReportBlocks.report(noPrevious, EPHEMERAL);
    assertThat(fields(m)).allSatisfy(f -> assertThat(f).doesNotContain("▲", "▼", "±"));
    assertThat(context(m)).contains("no data then");
    assertThat(fields(ReportBlocks.report(withPrevious(r, null), EPHEMERAL))).allSatisfy(f -> assertThat(f).doesNotContain("▲", "▼"));
  }

  @Test
  void hostileNicknameNeverPings() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL);
    String json = ReportBlocks.toJson(m);
    String decoded = JsonParser.parseString(json).toString();
    assertThat(json).doesNotContain("<!channel>", "<@U123>");
    assertThat(decoded).contains("&lt;!channel&gt; Bob &amp; &lt;@U123&gt;");
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(RenderFixtures.smallTeam(YESTERDAY, false),
        "bob@example.com"), EPHEMERAL);
    assertThat(card.text()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
    assertThat(SlackLimits.violations(ReportBlocks.toJson(card))).isEmpty();
  }

  @Test
  void emptyNicknameShowsAgentId() {
    List<String> texts = sectionTexts(ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL));
    assertThat(String.join("\n", texts)).contains("*agent.7@example.com*");
  }

  @Test
  void textFallbackIsNeverEmptyEvenForAnEmptyTeam() {
    Report empty = RenderFixtures.report(YESTERDAY, List.of(), false, 3, 10);
    ReportBlocks.Message m = ReportBlocks.report(empty, EPHEMERAL);
    assertThat(m.text()).startsWith("Desk team report · Tue 24 Nov 2026: 0 sessions, 0 active agents, 0 unreplied.");
    assertThat(String.join("\n", sectionTexts(m))).contains(
        "No agent has at least 3 ratings in this period.",
        "No agent answered a session in this period.",
        "Every session got a reply.");
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
    assertThat(ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL).text())
        .startsWith("Desk team report · Tue 24 Nov 2026: 95 sessions, 4 active agents, satisfaction 90% (18/20)");
  }

  @Test
  void dayButtonsStepOneDayAndEphemeralOffersPosting() {
    Map<String, String> b = buttons(ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL));
    assertThat(b).containsExactly(
        Map.entry(ReportBlocks.ACTION_PREV, "2026-11-23"),
        Map.entry(ReportBlocks.ACTION_NEXT, "2026-11-25"),
        Map.entry(ReportBlocks.ACTION_POST, "2026-11-24"));
  }

  @Test
  void nextIsLeftOutWhenItWouldReachPastToday() {
    Period week = new Period(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 24));
    Map<String, String> b = buttons(ReportBlocks.report(RenderFixtures.smallTeam(week, false), PUBLIC));
    assertThat(b).containsExactly(Map.entry(ReportBlocks.ACTION_PREV, "2026-11-11..2026-11-17"));
    Map<String, String> today = buttons(ReportBlocks.report(RenderFixtures.smallTeam(Period.day(TODAY), false), PUBLIC));
    assertThat(today).containsOnlyKeys(ReportBlocks.ACTION_PREV);
  }

  @Test
  void olderWeekGetsNextButtonWithTheFollowingWeek() {
    Period week = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7));
    Map<String, String> b = buttons(ReportBlocks.report(RenderFixtures.smallTeam(week, false), EPHEMERAL));
    assertThat(b).containsEntry(ReportBlocks.ACTION_PREV, "2026-10-25..2026-10-31")
        .containsEntry(ReportBlocks.ACTION_NEXT, "2026-11-08..2026-11-14")
        .containsEntry(ReportBlocks.ACTION_POST, "2026-11-01..2026-11-07");
  }

  @Test
  void noButtonsWhenNotAsked() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false),
        ReportBlocks.Options.plain(TODAY, RenderFixtures.NOW));
    assertThat(m.blocks()).noneMatch(b -> b instanceof ActionsBlock);
  }

  @Test
  void cardButtonsCarryTheAgentCommand() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    Map<String, String> b = buttons(ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), EPHEMERAL));
    assertThat(b).containsExactly(
        Map.entry(ReportBlocks.ACTION_PREV, "agent li.na@example.com 2026-11-23"),
        Map.entry(ReportBlocks.ACTION_NEXT, "agent li.na@example.com 2026-11-25"),
        Map.entry(ReportBlocks.ACTION_POST, "agent li.na@example.com 2026-11-24"));
  }

  @Test
  void boardsShowTopNAndSayHowManyMore() {
    List<AgentStats> agents = new ArrayList<>();
    for (int i = 0; i < 25; i++) agents.add(agent("a" + (100 + i) + "@x.com", "Agent " + i, 20, 1, 5, 4, 10 + i, 15));
    Report r = RenderFixtures.report(YESTERDAY, agents, false, 3, 10);
    List<String> texts = sectionTexts(ReportBlocks.report(r, EPHEMERAL));
    for (String board : List.of("*Satisfaction*", "*First response*", "*Needs attention*")) {
      String t = texts.stream().filter(x -> x.startsWith(board)).findFirst().orElseThrow();
      assertThat(t.lines().filter(l -> l.matches("^(\\d+\\.|•) .*"))).hasSize(10);
      assertThat(t).endsWith("\n…and 15 more");
    }
  }

  @Test
  void sampleDataIsMarkedInHeaderTextAndContext() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, true);
    ReportBlocks.Message m = ReportBlocks.report(r, EPHEMERAL);
    assertThat(((HeaderBlock) m.blocks().get(0)).getText().getText()).startsWith("[Sample data] ");
    assertThat(m.text()).startsWith("[Sample data] ");
    assertThat(context(m)).contains("*Sample data*");
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), EPHEMERAL);
    assertThat(card.text()).startsWith("[Sample data] ");
    assertThat(context(card)).contains("*Sample data*");
    assertThat(context(ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, false), EPHEMERAL)))
        .doesNotContain("Sample data");
  }

  @Test
  void cardShowsRanksOrWhyNotRanked() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    String ranked = sectionTexts(ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), EPHEMERAL)).get(0);
    assertThat(ranked).contains("*Satisfaction board:* #1 of 2", "*First response board:* #1 of 3");
    String few = sectionTexts(ReportBlocks.card(RenderFixtures.card(r, "agent.7@example.com"), EPHEMERAL)).get(0);
    assertThat(few).contains("not ranked: 2 ratings, needs 3", "#2 of 3");
    String silent = sectionTexts(ReportBlocks.card(RenderFixtures.card(r, "tom@example.com"), EPHEMERAL)).get(0);
    assertThat(silent).contains("not ranked: 0 ratings, needs 3", "not ranked: no answered session");
  }

  @Test
  void cardShowsEveryMetricWithTeamMedians() {
    Report r = RenderFixtures.smallTeam(YESTERDAY, false);
    ReportBlocks.Message m = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), EPHEMERAL);
    List<String> f = fields(m);
    assertThat(f).hasSize(10);
    assertThat(String.join("\n", f)).contains(
        "*Sessions*\n40 · answered 40 · unreplied 0\n_team median 30 · 1 unreplied_",
        "*Satisfaction*\n92% (11/12)\n_team median 80%_",
        "*First response*\n9s avg · 95% within 30 s\n_team median 15s · 90% within 30 s_",
        "*Response*\n14s avg", "_team median 22s_",
        "*Session duration*\n5m 00s avg", "_team median 5m 00s_",
        "4 transferred", "32 effective", "20 ended by the agent",
        "*Users served*\n36\n_team median 27_",
        "*Messages*\n360 by agent · 360 by users · 800 in all\n_team median 240 by agent_",
        "*Time online*\n7h 45m\nidle 5h 00m · busy 2h 00m · break 45m",
        "*First login · last logout*\nFri 20 Nov 09:00\nFri 20 Nov 17:00");
  }

  @Test
  void groupCardComparesWithGroupMedians() {
    Report r = inGroup(RenderFixtures.smallTeam(YESTERDAY, false), "tier1");
    ReportBlocks.Message m = ReportBlocks.card(RenderFixtures.card(r, "li.na@example.com"), EPHEMERAL);
    String f = String.join("\n", fields(m));
    assertThat(f).contains(
        "*Sessions*\n40 · answered 40 · unreplied 0\n_group median 30 · 1 unreplied_",
        "*Satisfaction*\n92% (11/12)\n_group median 80%_",
        "*First response*\n9s avg · 95% within 30 s\n_group median 15s · 90% within 30 s_",
        "_group median 22s_", "_group median 5m 00s_", "*Users served*\n36\n_group median 27_",
        "_group median 240 by agent_");
    assertThat(f).doesNotContain("team median");
    assertThat(m.text()).doesNotContain("team median");
    assertThat(String.join("\n", fields(ReportBlocks.card(
        RenderFixtures.card(RenderFixtures.smallTeam(YESTERDAY, false), "li.na@example.com"), EPHEMERAL))))
        .contains("_team median 30 · 1 unreplied_").doesNotContain("group median");
  }

  @Test
  void noticeIsOneEscapedSection() {
    ReportBlocks.Message m = ReportBlocks.notice("Unknown period <2026-13-01>: try `yesterday`.");
    assertThat(m.text()).isEqualTo("Unknown period &lt;2026-13-01&gt;: try `yesterday`.");
    assertThat(m.blocks()).singleElement().isInstanceOf(SectionBlock.class);
    assertThat(ReportBlocks.notice("").text()).isNotBlank();
    assertThat(SlackLimits.violations(ReportBlocks.toJson(ReportBlocks.notice("x".repeat(5000))))).isEmpty();
  }

  @Test
  void trustedMrkdwnNoticeKeepsLinks() {
    ReportBlocks.Message m = ReportBlocks.noticeMrkdwn("Subscribed <#C123> at 09:00.");
    assertThat(m.text()).isEqualTo("Subscribed <#C123> at 09:00.");
    assertThat(sectionTexts(m)).containsExactly("Subscribed <#C123> at 09:00.");
    assertThat(ReportBlocks.noticeMrkdwn("x".repeat(4000)).text()).hasSize(3000);
  }

  @Test
  void compactJsonIsTheSameDocumentAsThePrettyOne() {
    ReportBlocks.Message m = ReportBlocks.report(RenderFixtures.smallTeam(YESTERDAY, true), EPHEMERAL);
    assertThat(JsonParser.parseString(ReportBlocks.toJson(m)))
        .isEqualTo(JsonParser.parseString(ReportBlocks.toPrettyJson(m)));
    assertThat(ReportBlocks.toJson(m)).startsWith("{\"text\":").doesNotContain("\n  ");
  }

  // ---------------------------------------------------------------- helpers

  static Report withPrevious(Report r, TeamSummary previous) {
    return new Report(r.period(), r.zone(), r.sample(), r.dataAsOf(), r.current(), previous, r.agents(),
        r.satisfaction(), r.firstResponse(), r.needsAttention(), r.minRatings(), r.topN(), r.scope(), r.comparison());
  }

  static Report inGroup(Report r, String group) {
    Set<String> ids = r.agents().stream().map(AgentStats::agentId).collect(Collectors.toSet());
    return new Report(r.period(), r.zone(), r.sample(), r.dataAsOf(), r.current(), r.previous(), r.agents(),
        r.satisfaction(), r.firstResponse(), r.needsAttention(), r.minRatings(), r.topN(), Scope.group(group, ids),
        r.comparison());
  }

  static List<String> sectionTexts(ReportBlocks.Message m) {
    return m.blocks().stream().filter(b -> b instanceof SectionBlock s && s.getText() != null)
        .map(b -> ((SectionBlock) b).getText().getText()).toList();
  }

  static List<String> fields(ReportBlocks.Message m) {
    return m.blocks().stream().filter(b -> b instanceof SectionBlock s && s.getFields() != null)
        .flatMap(b -> ((SectionBlock) b).getFields().stream()).map(t -> ((MarkdownTextObject) t).getText()).toList();
  }

  static String context(ReportBlocks.Message m) {
    return m.blocks().stream().filter(b -> b instanceof ContextBlock).map(b -> (ContextBlock) b)
        .flatMap(c -> c.getElements().stream()).map(e -> ((MarkdownTextObject) e).getText())
        .collect(Collectors.joining("\n"));
  }

  static Map<String, String> buttons(ReportBlocks.Message m) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (LayoutBlock b : m.blocks()) {
      if (b instanceof ActionsBlock a) {
        a.getElements().forEach(e -> out.put(((ButtonElement) e).getActionId(), ((ButtonElement) e).getValue()));
      }
    }
    return out;
  }
}
