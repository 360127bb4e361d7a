package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.stats.AgentStats;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.testing.RenderFixtures;
import com.deskstats.testing.SlackLimits;
import com.deskstats.text.Language;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Slack's limits hold for any team, in every language: 0 to 10,000 agents with long, non-ASCII and hostile nicknames. */
class ReportBlocksLimitsTest {

  private static final ReportBlocks.Options OPTIONS =
      new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW);

  private static ReportBlocks.Options options(Language language) {
    return new ReportBlocks.Options(RenderFixtures.TODAY, true, true, RenderFixtures.NOW, language);
  }

  @Property(tries = 40)
  void reportStaysWithinSlackLimits(
      @ForAll @IntRange(min = 0, max = 10_000) int size,
      @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("nicknames") String> nicknames,
      @ForAll("topN") int topN,
      @ForAll @IntRange(min = 1, max = 5) int minRatings,
      @ForAll boolean sample,
      @ForAll("periods") Period period,
      @ForAll Language language) {
    Report r = RenderFixtures.report(period, team(size, nicknames), sample, minRatings, topN);
    ReportBlocks.Message m = ReportBlocks.report(r, options(language));
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
    assertThat(m.text()).isNotBlank();
  }

  @Property(tries = 40)
  void cardStaysWithinSlackLimits(
      @ForAll @IntRange(min = 1, max = 10_000) int size,
      @ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("nicknames") String> nicknames,
      @ForAll @IntRange(min = 0, max = 9_999) int pick,
      @ForAll("topN") int topN,
      @ForAll boolean sample,
      @ForAll("periods") Period period,
      @ForAll Language language) {
    List<AgentStats> agents = team(size, nicknames);
    Report r = RenderFixtures.report(period, agents, sample, 3, topN);
    ReportBlocks.Message m = ReportBlocks.card(RenderFixtures.card(r, agents.get(pick % size).agentId()),
        options(language));
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
    assertThat(m.text()).isNotBlank();
  }

  @Property(tries = 200)
  void nameIsAlwaysSafeMrkdwn(@ForAll("nicknames") String nickname, @ForAll @IntRange(min = 1, max = 600) int max) {
    String n = Mrkdwn.name(nickname, max);
    assertThat(n).doesNotContain("<", ">", "*", "`", "~", "\n");
    assertThat(n).doesNotContainPattern("&(?!amp;|lt;|gt;)");
    assertThat(n).doesNotContainPattern("(?i)@(channel|here|everyone)");
    String plain = Mrkdwn.plainName(nickname, max);
    assertThat(plain.codePointCount(0, plain.length())).isLessThanOrEqualTo(max * 2); // "@here" gains a joiner
    assertThat(n.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).as("lone surrogates").isZero();
  }

  @Test
  void tenThousandAgentsWithLongestHostileNicknamesFit() {
    List<String> nicknames = List.of("<!channel>".repeat(50), "&".repeat(500), "李".repeat(500), "🚀".repeat(500));
    List<AgentStats> agents = team(10_000, nicknames);
    for (Language language : Language.values()) {
      String more = language == Language.ZH ? "…另有 [0-9,]+ 位客服$" : "…and [0-9,]+ more$";
      for (int topN : new int[] {10, 10_000}) {
        Report r = RenderFixtures.report(Period.day(RenderFixtures.TODAY.minusDays(1)), agents, true, 1, topN);
        ReportBlocks.Message m = ReportBlocks.report(r, options(language));
        assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
        assertThat(ReportBlocksTest.sectionTexts(m)).anySatisfy(t -> assertThat(t).containsPattern(more));
        ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, agents.get(9_999).agentId()),
            options(language));
        assertThat(SlackLimits.violations(ReportBlocks.toJson(card))).isEmpty();
      }
    }
  }

  /** The sizes the issue names, in both languages, for the longest period and a group's header. */
  @Test
  void reportAndCardFitForZeroToTenThousandAgentsInBothLanguages() {
    List<String> nicknames = List.of("李娜", "<!channel> 王伟 & <@U1>", "名字很长的客服人员".repeat(60), "");
    Period longest = new Period(RenderFixtures.TODAY.minusDays(30), RenderFixtures.TODAY);
    for (Language language : Language.values()) {
      for (int size : new int[] {0, 1, 10, 1_000, 10_000}) {
        List<AgentStats> agents = team(size, nicknames);
        for (Period period : List.of(Period.day(RenderFixtures.TODAY.minusDays(1)), longest)) {
          Report r = ReportBlocksTest.inGroup(RenderFixtures.report(period, agents, true, 3, 10_000),
              "tier-one-support-".repeat(6));
          ReportBlocks.Message m = ReportBlocks.report(r, options(language));
          assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).as("report of %d in %s", size, language).isEmpty();
          assertThat(m.text()).isNotBlank();
          if (size == 0) continue;
          ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, agents.get(size - 1).agentId()),
              options(language));
          assertThat(SlackLimits.violations(ReportBlocks.toJson(card))).as("card of %d in %s", size, language)
              .isEmpty();
          assertThat(card.text()).isNotBlank();
        }
      }
    }
  }

  @Test
  void anAgentIdTooLongForAButtonDropsTheButtonsNotTheMessage() {
    String id = "a".repeat(2_500) + "@example.com";
    AgentStats a = RenderFixtures.agent(id, "Long", 20, 1, 5, 4, 12, 15);
    Report r = RenderFixtures.report(Period.day(RenderFixtures.TODAY.minusDays(1)), List.of(a), false, 3, 10);
    ReportBlocks.Message card = ReportBlocks.card(RenderFixtures.card(r, id), OPTIONS);
    assertThat(SlackLimits.violations(ReportBlocks.toJson(card))).isEmpty();
    assertThat(ReportBlocksTest.buttons(card)).isEmpty();
  }

  static List<AgentStats> team(int size, List<String> nicknames) {
    List<AgentStats> agents = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String nick = nicknames.get(i % nicknames.size());
      long sessions = 1 + (i * 7L) % 60;
      long unreplied = i % 9 == 0 ? sessions : (i % 4);
      unreplied = Math.min(unreplied, sessions);
      long answered = sessions - unreplied;
      long rated = answered == 0 ? 0 : (i * 3L) % (answered + 1);
      long satisfied = rated == 0 ? 0 : (i * 5L) % (rated + 1);
      String id = (i % 13 == 0 ? "代理" : "agent") + i + "@" + "x".repeat(i % 50) + ".example";
      agents.add(RenderFixtures.agent(id, nick, sessions, unreplied, rated, satisfied, 3 + (i * 11) % 400,
          answered / 2));
    }
    return agents;
  }

  @Provide
  Arbitrary<String> nicknames() {
    Arbitrary<String> pieces = Arbitraries.of("<!channel>", "<!here|here>", "<@U123>", "<#C1|x>", "&", "&amp;", "<",
        ">", "*", "_", "~", "`", "\n", "\u202E", "🚀", "李娜", "王伟", "@channel", "@here", "e\u0301",
        "👍🏽", "ـلا", "\u0000", "  ", "x");
    return Arbitraries.oneOf(
        pieces.list().ofMaxSize(200).map(l -> String.join("", l)),
        Arbitraries.strings().all().ofMaxLength(500),
        Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMinLength(490).ofMaxLength(500),
        Arbitraries.strings().withChars("&<>").ofMinLength(490).ofMaxLength(500),
        Arbitraries.just(""));
  }

  @Provide
  Arbitrary<Integer> topN() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just(10)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 300)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(10_000)));
  }

  @Provide
  Arbitrary<Period> periods() {
    LocalDate today = RenderFixtures.TODAY;
    return Arbitraries.integers().between(0, 400).flatMap(ago -> Arbitraries.integers().between(1, 31)
        .map(days -> new Period(today.minusDays(ago + days - 1L), today.minusDays(ago))));
  }

}
