package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.slack.Command.AgentRef;
import com.deskstats.stats.Period;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Period YESTERDAY = Period.day(LocalDate.of(2026, 11, 24));

  static Command parse(String text) {
    return CommandParser.parse(text, TODAY);
  }

  @Test
  void emptyTextIsYesterdaysPrivateReport() {
    assertThat(parse("")).isEqualTo(new Command.Report(YESTERDAY, false));
    assertThat(parse("   ")).isEqualTo(new Command.Report(YESTERDAY, false));
    assertThat(parse(null)).isEqualTo(new Command.Report(YESTERDAY, false));
  }

  @Test
  void groupNameScopesAReportOrACardAnywhereInTheText() {
    assertThat(parse("group tier1")).isEqualTo(new Command.Report(YESTERDAY, false, Optional.of("tier1")));
    assertThat(parse("last week group Tier-2 public")).isEqualTo(
        new Command.Report(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), true, Optional.of("tier-2")));
    assertThat(parse("agent me group vip")).isEqualTo(
        new Command.AgentLookup(new AgentRef.Me(), YESTERDAY, false, Optional.of("vip")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"group", "yesterday group", "group tier_1", "group a b group c",
      "group aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "agent me group"})
  void aMissingOrMalformedGroupNameIsOneSentence(String text) {
    assertThat(parse(text)).isInstanceOfSatisfying(Command.Usage.class,
        u -> assertThat(u.sentence()).contains("group").doesNotContain("\n"));
  }

  @Test
  void reportPeriodsAndPublic() {
    assertThat(parse("yesterday public")).isEqualTo(new Command.Report(YESTERDAY, true));
    assertThat(parse("public")).isEqualTo(new Command.Report(YESTERDAY, true));
    assertThat(parse("Today")).isEqualTo(new Command.Report(Period.day(TODAY), false));
    assertThat(parse("2026-11-01..2026-11-07 PUBLIC"))
        .isEqualTo(new Command.Report(new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)), true));
    assertThat(parse("last 7 days")).isEqualTo(new Command.Report(new Period(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 24)), false));
    assertThat(parse("7d public")).isEqualTo(parse("last 7 days public"));
    assertThat(parse("last week")).isEqualTo(new Command.Report(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), false));
    assertThat(parse("this week")).isEqualTo(new Command.Report(new Period(LocalDate.of(2026, 11, 23), TODAY), false));
  }

  @Test
  void agentByIdMentionAndMe() {
    assertThat(parse("agent alice@example.com"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.ById("alice@example.com"), YESTERDAY, false));
    assertThat(parse("agent <@U123ABC|alice> 2026-11-20 public"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.ByUser("U123ABC"), Period.day(LocalDate.of(2026, 11, 20)), true));
    assertThat(parse("agent <@W999>")).isEqualTo(new Command.AgentLookup(new AgentRef.ByUser("W999"), YESTERDAY, false));
    assertThat(parse("AGENT me last week"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.Me(), new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)), false));
    assertThat(parse("agent <mailto:bob@x.com|bob@x.com> today"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.ById("bob@x.com"), Period.day(TODAY), false));
  }

  @Test
  void subscriptionCommands() {
    assertThat(parse("subscribe")).isEqualTo(new Command.Subscribe(Optional.empty(), Optional.empty()));
    assertThat(parse("subscribe <#C123|support> 09:30"))
        .isEqualTo(new Command.Subscribe(Optional.of("C123"), Optional.of(LocalTime.of(9, 30))));
    assertThat(parse("subscribe 17:05 <#G42>")).isEqualTo(new Command.Subscribe(Optional.of("G42"), Optional.of(LocalTime.of(17, 5))));
    assertThat(parse("subscribe 9:00")).isEqualTo(new Command.Subscribe(Optional.empty(), Optional.of(LocalTime.of(9, 0))));
    assertThat(parse("unsubscribe")).isEqualTo(new Command.Unsubscribe(Optional.empty()));
    assertThat(parse("unsubscribe <#C9|x>")).isEqualTo(new Command.Unsubscribe(Optional.of("C9")));
    assertThat(parse("subscriptions")).isEqualTo(new Command.Subscriptions());
    assertThat(parse("digest now")).isEqualTo(new Command.DigestNow(Optional.empty()));
    assertThat(parse("digest NOW <#C7|ops>")).isEqualTo(new Command.DigestNow(Optional.of("C7")));
    assertThat(parse("help")).isEqualTo(new Command.Help());
  }

  @Test
  void weeklyGroupAndCsvSubscriptionsAndWhichOneToUnsubscribe() {
    assertThat(parse("subscribe <#C1|support> 17:00 weekly fri group Tier1 csv")).isEqualTo(new Command.Subscribe(
        Optional.of("C1"), Optional.of(LocalTime.of(17, 0)),
        new DigestOptions(true, java.time.DayOfWeek.FRIDAY, Optional.of("tier1"), true)));
    assertThat(parse("subscribe weekly")).isEqualTo(new Command.Subscribe(Optional.empty(), Optional.empty(),
        new DigestOptions(true, java.time.DayOfWeek.MONDAY, Optional.empty(), false)));
    assertThat(parse("subscribe csv weekly Sunday 08:00")).isEqualTo(new Command.Subscribe(Optional.empty(),
        Optional.of(LocalTime.of(8, 0)), new DigestOptions(true, java.time.DayOfWeek.SUNDAY, Optional.empty(), true)));
    assertThat(parse("subscribe group ops")).isEqualTo(new Command.Subscribe(Optional.empty(), Optional.empty(),
        new DigestOptions(false, java.time.DayOfWeek.MONDAY, Optional.of("ops"), false)));
    assertThat(parse("unsubscribe <#C1> weekly group ops"))
        .isEqualTo(new Command.Unsubscribe(Optional.of("C1"), true, Optional.of("ops")));
    assertThat(parse("unsubscribe group ops")).isEqualTo(new Command.Unsubscribe(Optional.empty(), false, Optional.of("ops")));
    assertThat(((Command.Usage) parse("subscribe fri")).sentence()).contains("right after `weekly`");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "tomorrow", "2026-11-26", "2026-13-01", "2026-02-30", "2026-10-01..2026-11-20", "2026-11-20..2026-11-01",
      "last 0 days", "last 32 days", "45d", "yesterday today", "banana", "agent", "agent public", "agent @bob",
      "agent <script>", "agent me tomorrow", "agent me 2026-11-30", "subscribe 25:00", "subscribe 24:00", "subscribe 09:60",
      "subscribe #support", "subscribe <#C1> <#C2>", "subscribe 09:00 10:00", "subscribe daily", "subscribe public",
      "unsubscribe #x", "unsubscribe <#C1> <#C2>", "unsubscribe all", "subscriptions all", "digest", "digest later",
      "digest now #x", "digest now <#C1> extra", "<#C1>", "<@U1>", "yesterday <@U1>",
      "subscribe weekly weekly", "subscribe fri", "subscribe 09:00 fri weekly", "subscribe weekly mon tue",
      "subscribe csv csv", "subscribe group", "subscribe group Tier_1", "subscribe lang fr", "unsubscribe weekly fri",
      "unsubscribe group", "unsubscribe <#C1> csv"})
  void everyRefusalIsUsageWithOneSentence(String text) {
    Command c = parse(text);
    assertThat(c).isInstanceOf(Command.Usage.class);
    String sentence = ((Command.Usage) c).sentence();
    assertThat(sentence).isNotBlank().doesNotContain("\n").doesNotContain("<script>");
    assertThat(((Command.Usage) c).message()).contains(sentence).contains(CommandParser.USAGE);
    String chinese = ((Command.Usage) c).sentence(ZH);
    assertThat(chinese).as("in Chinese").isNotBlank().doesNotContain("\n").doesNotContain("<script>")
        .containsPattern("\\p{IsHan}").endsWith("。");
    assertThat(((Command.Usage) c).message(ZH)).isEqualTo(chinese + "\n\n" + CommandParser.help(ZH));
  }

  @Test
  void refusalsSayWhatIsWrong() {
    assertThat(((Command.Usage) parse("2026-11-26")).sentence()).contains("future");
    assertThat(((Command.Usage) parse("last 40 days")).sentence()).contains("31");
    assertThat(((Command.Usage) parse("subscribe 25:00")).sentence()).contains("25:00").contains("HH:MM");
    assertThat(((Command.Usage) parse("subscribe #support")).sentence()).contains("autocomplete");
    assertThat(((Command.Usage) parse("agent @bob")).sentence()).contains("autocomplete");
    assertThat(((Command.Usage) parse("digest")).sentence()).contains("digest now");
    assertThat(((Command.Usage) parse("x".repeat(600))).sentence()).contains("too long");
  }

  @Test
  void textSlackEscapedIsEchoedAsTheUserTypedIt() {
    // should_escape: true makes Slack send a typed "<bob>" as "&lt;bob&gt;".
    String agent = ((Command.Usage) parse("agent &lt;bob&gt;")).sentence();
    assertThat(agent).startsWith("'&lt;bob&gt;' is not an AgentId");
    String period = ((Command.Usage) parse("&lt;today&gt;")).sentence();
    assertThat(period).startsWith("I can't read 'today' as a period").doesNotContain("lt;");
    assertThat(((Command.Usage) parse("subscribe a&amp;b")).sentence()).contains("'a&amp;b'");
    assertThat(CommandParser.echo("&lt;!channel&gt; *x* " + "y".repeat(60))).startsWith("&lt;!channel&gt; x y")
        .doesNotContain("<", ">", "*").endsWith("…");
  }

  @Test
  void aPersonWithoutAgentIsPointedToTheAgentCommand() {
    assertThat(((Command.Usage) parse("me")).sentence()).contains("`agent me`");
    // should_escape: Slack sends a typed e-mail address as a mailto link.
    assertThat(((Command.Usage) parse("<mailto:li.na@x.com|li.na@x.com> last week")).sentence())
        .contains("`agent li.na@x.com`").doesNotContain("mailto");
  }

  @Test
  void noBreakSpacesFromAChatClientSeparateWords() {
    assertThat(parse("agent\u00A0me")).isEqualTo(new Command.AgentLookup(new AgentRef.Me(), YESTERDAY, false));
    assertThat(parse("yesterday\u00A0public")).isEqualTo(new Command.Report(YESTERDAY, true));
    assertThat(parse("subscribe\u202F09:30")).isEqualTo(new Command.Subscribe(Optional.empty(), Optional.of(LocalTime.of(9, 30))));
  }

  @Test
  void usageTextHasNoRawAngleBracketsThatSlackWouldReadAsLinks() {
    assertThat(CommandParser.USAGE).doesNotContain("<").doesNotContain(">").contains("&lt;AgentId|@user|me&gt;");
    assertThat(CommandParser.help(ZH)).doesNotContain("<").doesNotContain(">").contains("&lt;AgentId|@用户|me&gt;");
  }

  static final Texts EN = Texts.of(Language.EN);
  static final Texts ZH = Texts.of(Language.ZH);

  @Test
  void chinesePeriodsWorkInReportsCardsAndExports() {
    assertThat(parse("最近7天 public")).isEqualTo(parse("last 7 days public"));
    assertThat(parse("昨天")).isEqualTo(new Command.Report(YESTERDAY, false));
    assertThat(parse("agent me 上周")).isEqualTo(parse("agent me last week"));
    assertThat(parse("export 本周 group ops")).isEqualTo(parse("export this week group ops"));
    assertThat(parse("2026-11-01 至 2026-11-07 group tier1")).isEqualTo(new Command.Report(
        new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)), false, Optional.of("tier1")));
    assertThat(parse("今天\u3000public")).isEqualTo(new Command.Report(Period.day(TODAY), true));
    assertThat(parse("agent li.na@example.com 最近７天")).isEqualTo(new Command.AgentLookup(
        new AgentRef.ById("li.na@example.com"), new Period(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 24)), false));
  }

  @Test
  void aRefusedChinesePeriodIsAnsweredInTheAskersLanguage() {
    Command.Usage u = (Command.Usage) parse("最近40天");
    assertThat(u.sentence(ZH)).isEqualTo("最近 40 天太长了；一份报告最多覆盖 31 天。");
    assertThat(u.sentence(EN)).isEqualTo("The last 40 days is too long; a report covers at most 31 days.");
    assertThat(((Command.Usage) parse("agent me 2026-11-26")).sentence(ZH))
        .isEqualTo("2026-11-26 是未来的日期；最新的数据只到今天（2026-11-25）。");
    assertThat(((Command.Usage) parse("0天")).sentence(ZH)).isEqualTo("时间段至少要包含 1 天；可以试试“最近7天”或“7天”。");
  }

  @Test
  void langPicksTheLanguageOfASubscriptionsPosts() {
    assertThat(parse("subscribe <#C1|support> 09:00 lang zh")).isEqualTo(new Command.Subscribe(Optional.of("C1"),
        Optional.of(LocalTime.of(9, 0)), new DigestOptions(false, java.time.DayOfWeek.MONDAY, Optional.empty(), false,
            Optional.of(Language.ZH))));
    assertThat(parse("subscribe LANG EN weekly fri group ops csv")).isEqualTo(new Command.Subscribe(Optional.empty(),
        Optional.empty(), new DigestOptions(true, java.time.DayOfWeek.FRIDAY, Optional.of("ops"), true,
            Optional.of(Language.EN))));
    assertThat(((Command.Subscribe) parse("subscribe")).options().lang()).isEmpty();
  }

  @Test
  void aBadLangIsOneSentenceInEitherLanguage() {
    Command.Usage fr = (Command.Usage) parse("subscribe lang fr");
    assertThat(fr.sentence()).isEqualTo("'fr' is not a language the bot speaks: use `lang en` or `lang zh`.");
    assertThat(fr.sentence(ZH)).isEqualTo("机器人不支持“fr”这种语言：请用 `lang en` 或 `lang zh`。");
    assertThat(((Command.Usage) parse("subscribe lang &lt;b&gt;")).sentence()).startsWith("'&lt;b&gt;' is not a language");
    assertThat(((Command.Usage) parse("subscribe <#C1> lang")).sentence())
        .isEqualTo("Name the language after `lang`: `lang en` or `lang zh`.");
    assertThat(((Command.Usage) parse("subscribe lang zh lang en")).sentence()).isEqualTo("Give one `lang`, not two.");
    assertThat(((Command.Usage) parse("subscribe bogus")).sentence()).contains("`lang en|zh`");
  }

  @Test
  void helpShowsTheGrammarInTheReadersLanguage() {
    String en = CommandParser.help(EN);
    assertThat(en).isEqualTo(CommandParser.USAGE).startsWith("*Usage*\n");
    assertThat(line(en, "subscribe [")).contains("[lang en|zh]");
    assertThat(line(en, "alert [")).contains("[lang en|zh]");
    assertThat(en).contains("`last 7 days` or `7d`").doesNotContain("最近");
    String zh = CommandParser.help(ZH);
    assertThat(zh).startsWith("*用法*\n").contains("`昨天`", "`今天`", "`本周`", "`上周`", "`最近7天`", "`7天`",
        "`2026-11-01至2026-11-07`");
    assertThat(line(zh, "subscribe [")).contains("[lang en|zh]").contains("摘要");
    assertThat(line(zh, "alert [")).contains("[lang en|zh]").contains("[per agent]");
    assertThat(zh.lines().count()).isEqualTo(en.lines().count());
    zh.lines().filter(l -> l.startsWith("• ")).forEach(l -> assertThat(l).startsWith("• `" + CommandParser.COMMAND));
  }

  private static String line(String help, String containing) {
    return help.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow();
  }

  @Test
  void digestOptionsDescribeThemselvesInBothLanguages() {
    DigestOptions daily = DigestOptions.DAILY;
    DigestOptions weekly = new DigestOptions(true, java.time.DayOfWeek.FRIDAY, Optional.of("tier1"), false);
    assertThat(daily.describe()).isEqualTo("the daily digest");
    assertThat(weekly.describe()).isEqualTo("the weekly digest of group `tier1`");
    assertThat(daily.describe(Language.ZH)).isEqualTo("每日摘要");
    assertThat(weekly.describe(Language.ZH)).isEqualTo("分组 `tier1` 的每周摘要");
    assertThat(EN.render(weekly.name())).isEqualTo("weekly digest of group `tier1`");
    assertThat(ZH.render(daily.name())).isEqualTo("每日摘要");
  }

  /** Every button on an agent card must parse back to that agent and the period it names. */
  @Property(tries = 300)
  void cardButtonValuesParseBackToTheSameAgentAndPeriod(@ForAll("agentIds") String agentId,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 400) int ago,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 31) int days) {
    LocalDate today = com.deskstats.testing.RenderFixtures.TODAY;
    Period period = new Period(today.minusDays(ago + days - 1L), today.minusDays(ago));
    var agent = com.deskstats.testing.RenderFixtures.agent(agentId, "Nick", 20, 1, 5, 4, 12, 15);
    var report = com.deskstats.testing.RenderFixtures.report(period, java.util.List.of(agent), false, 3, 10);
    var card = ReportBlocks.card(com.deskstats.testing.RenderFixtures.card(report, agentId),
        new ReportBlocks.Options(today, true, true, com.deskstats.testing.RenderFixtures.NOW));
    java.util.Map<String, String> buttons = ReportBlocksTest.buttons(card);
    assertThat(buttons).containsKey(ReportBlocks.ACTION_POST);
    buttons.forEach((action, value) -> {
      Command c = CommandParser.parse(value, today);
      assertThat(c).as(value).isInstanceOf(Command.AgentLookup.class);
      Command.AgentLookup l = (Command.AgentLookup) c;
      assertThat(l.ref()).as(value).isEqualTo(new AgentRef.ById(agentId));
      Period expected = switch (action) {
        case ReportBlocks.ACTION_PREV -> period.shift(-days);
        case ReportBlocks.ACTION_NEXT -> period.shift(days);
        default -> period;
      };
      assertThat(l.period()).isEqualTo(expected);
    });
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> agentIds() {
    // Desk AgentIds are e-mail addresses (the API page's sample is 1289316652@qq.com); a local part may hold
    // any of !#$%&'*+/=?^_`{|}~ and Desk accounts may be non-ASCII.
    var local = net.jqwik.api.Arbitraries.strings().alpha().numeric().withChars("._-+!#$%&'*/=?^`{|}~李娜")
        .ofMinLength(1).ofMaxLength(40);
    var domain = net.jqwik.api.Arbitraries.of("qq.com", "example.com", "deskdemo.example", "例子.中国");
    return net.jqwik.api.Combinators.combine(local, domain).as((l, d) -> l + "@" + d)
        .filter(id -> !id.startsWith("@") && !id.startsWith("#"));
  }

  @Test
  void agentIdsWithEmailPunctuationAreAccepted() {
    assertThat(parse("agent o'brien@example.com"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.ById("o'brien@example.com"), YESTERDAY, false));
    // Slack sends a typed "&" as "&amp;".
    assertThat(parse("agent r&amp;d@example.com"))
        .isEqualTo(new Command.AgentLookup(new AgentRef.ById("r&d@example.com"), YESTERDAY, false));
  }

  @Property(tries = 500)
  void parseIsTotal(@ForAll String text) {
    Command c = CommandParser.parse(text, TODAY);
    assertThat(c).isNotNull();
    assertThat(c.name()).isNotBlank();
  }

  @Property(tries = 300)
  void parseIsTotalOnChineseText(@ForAll @net.jqwik.api.constraints.CharRange(from = '\u3000', to = '\u9fff')
      @net.jqwik.api.constraints.Chars({' ', '7', '-', '.'}) String text) {
    Command c = CommandParser.parse(text, TODAY);
    assertThat(c).isNotNull();
    if (c instanceof Command.Usage u) assertThat(u.message(ZH)).isNotBlank();
  }

  @Property(tries = 300)
  void parseIsTotalOnCommandLikeText(@ForAll("commandish") String text) {
    Command c = CommandParser.parse(text, TODAY);
    assertThat(c).isNotNull();
    if (c instanceof Command.Usage u) {
      assertThat(u.sentence(EN)).isNotBlank().doesNotContain("\n");
      assertThat(u.sentence(ZH)).isNotBlank().doesNotContain("\n");
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> commandish() {
    var words = net.jqwik.api.Arbitraries.of("agent", "me", "public", "subscribe", "unsubscribe", "digest", "now",
        "<#C1|x>", "<@U1>", "09:30", "99:99", "yesterday", "today", "last", "7", "days", "7d", "2026-11-01",
        "..", "2026-02-29", "this", "week", "help", "#x", "@y", "<", ">", "|", "昨天", "今天", "本周", "上周", "最近",
        "天", "7天", "至", "最近７天", "　", "lang", "zh", "en", "fr", "alert", "unreplied", "&gt;", "group", "tier1");
    return words.list().ofMaxSize(6).map(l -> String.join(" ", l));
  }
}
