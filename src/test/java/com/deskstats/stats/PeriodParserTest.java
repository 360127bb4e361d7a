package com.deskstats.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodParserTest {

  /** A Wednesday. */
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private static Period parsed(String text, LocalDate today) {
    PeriodParse result = PeriodParser.parse(text, today);
    assertThat(result).as("parse of '%s'", text).isInstanceOf(PeriodParse.Parsed.class);
    return ((PeriodParse.Parsed) result).period();
  }

  private static Period parsed(String text) {
    return parsed(text, TODAY);
  }

  private static String refused(String text, LocalDate today) {
    PeriodParse result = PeriodParser.parse(text, today);
    assertThat(result).as("parse of '%s'", text).isInstanceOf(PeriodParse.Invalid.class);
    String sentence = ((PeriodParse.Invalid) result).sentence();
    assertThat(sentence).endsWith(".").doesNotContain("\n");
    return sentence;
  }

  private static String refused(String text) {
    return refused(text, TODAY);
  }

  private static Period p(String from, String to) {
    return new Period(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void blankMeansYesterday() {
    assertThat(parsed("")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("   ")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed(null)).isEqualTo(p("2026-11-24", "2026-11-24"));
  }

  @Test
  void yesterdayAndTodayIgnoreCaseAndSpaces() {
    assertThat(parsed("yesterday")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("  YesterDay ")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("today")).isEqualTo(p("2026-11-25", "2026-11-25"));
    assertThat(parsed("TODAY")).isEqualTo(p("2026-11-25", "2026-11-25"));
  }

  @Test
  void aSingleDayUpToToday() {
    assertThat(parsed("2026-11-20")).isEqualTo(p("2026-11-20", "2026-11-20"));
    assertThat(parsed("2026-11-25")).isEqualTo(p("2026-11-25", "2026-11-25"));
    assertThat(parsed("2024-02-29")).isEqualTo(p("2024-02-29", "2024-02-29"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-01..2026-11-07", "2026-11-01 .. 2026-11-07", "2026-11-01–2026-11-07",
      "2026-11-01 – 2026-11-07", "2026-11-01 — 2026-11-07", "2026-11-01 - 2026-11-07", "2026-11-01 to 2026-11-07",
      "  2026-11-01..2026-11-07  "})
  void rangesInEverySpelling(String text) {
    assertThat(parsed(text)).isEqualTo(p("2026-11-01", "2026-11-07"));
  }

  @Test
  void rangesOfOneDayAndOfExactly31DaysAreAccepted() {
    assertThat(parsed("2026-11-03..2026-11-03")).isEqualTo(p("2026-11-03", "2026-11-03"));
    Period longest = parsed("2026-10-26..2026-11-25");
    assertThat(longest.days()).isEqualTo(31);
  }

  @Test
  void rangesAcrossMonthAndYearBoundaries() {
    assertThat(parsed("2025-12-20..2026-01-10")).isEqualTo(p("2025-12-20", "2026-01-10"));
    assertThat(parsed("2026-02-20..2026-03-05").days()).isEqualTo(14);
  }

  @Test
  void lastNDaysEndYesterday() {
    assertThat(parsed("last 7 days")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("LAST   7  DAYS")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("last\u00a07\tdays")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("\u00a07d\u00a0")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("last 1 day")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("last 1 days")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("7d")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("7D")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("7 d")).isEqualTo(p("2026-11-18", "2026-11-24"));
    assertThat(parsed("31d")).isEqualTo(p("2026-10-25", "2026-11-24"));
    assertThat(parsed("1d")).isEqualTo(p("2026-11-24", "2026-11-24"));
  }

  @Test
  void lastNDaysAcrossMonthAndYearBoundaries() {
    assertThat(parsed("last 7 days", LocalDate.of(2026, 3, 1))).isEqualTo(p("2026-02-22", "2026-02-28"));
    assertThat(parsed("3d", LocalDate.of(2027, 1, 2))).isEqualTo(p("2026-12-30", "2027-01-01"));
    assertThat(parsed("yesterday", LocalDate.of(2027, 1, 1))).isEqualTo(p("2026-12-31", "2026-12-31"));
  }

  @Test
  void thisWeekRunsFromMondayThroughToday() {
    assertThat(parsed("this week")).isEqualTo(p("2026-11-23", "2026-11-25"));
    assertThat(parsed("This  Week")).isEqualTo(p("2026-11-23", "2026-11-25"));
    assertThat(parsed("this week", LocalDate.of(2026, 11, 23))).isEqualTo(p("2026-11-23", "2026-11-23"));
    assertThat(parsed("this week", LocalDate.of(2026, 11, 29))).isEqualTo(p("2026-11-23", "2026-11-29"));
  }

  @Test
  void lastWeekIsThePreviousMondayToSunday() {
    assertThat(parsed("last week")).isEqualTo(p("2026-11-16", "2026-11-22"));
    assertThat(parsed("last week", LocalDate.of(2026, 11, 23))).isEqualTo(p("2026-11-16", "2026-11-22"));
    assertThat(parsed("last week", LocalDate.of(2026, 11, 29))).isEqualTo(p("2026-11-16", "2026-11-22"));
  }

  @Test
  void weeksAcrossMonthAndYearBoundaries() {
    LocalDate newYearsDay = LocalDate.of(2027, 1, 1); // a Friday
    assertThat(parsed("this week", newYearsDay)).isEqualTo(p("2026-12-28", "2027-01-01"));
    assertThat(parsed("last week", newYearsDay)).isEqualTo(p("2026-12-21", "2026-12-27"));
    LocalDate sundayFirstOfMarch = LocalDate.of(2026, 3, 1);
    assertThat(parsed("this week", sundayFirstOfMarch)).isEqualTo(p("2026-02-23", "2026-03-01"));
    assertThat(parsed("last week", sundayFirstOfMarch)).isEqualTo(p("2026-02-16", "2026-02-22"));
  }

  @Test
  void futureDaysAreRefused() {
    assertThat(refused("2026-12-01"))
        .isEqualTo("2026-12-01 is in the future; the newest day with data is today, 2026-11-25.");
    assertThat(refused("2026-11-26"))
        .isEqualTo("2026-11-26 is in the future; the newest day with data is today, 2026-11-25.");
    assertThat(refused("2026-11-20..2026-11-27"))
        .isEqualTo("2026-11-27 is in the future; the newest day with data is today, 2026-11-25.");
  }

  @Test
  void rangesOver31DaysAreRefused() {
    assertThat(refused("2026-10-25..2026-11-25"))
        .isEqualTo("2026-10-25..2026-11-25 covers 32 days; a report covers at most 31 days.");
    assertThat(refused("2025-01-01..2026-01-01")).contains("366 days").contains("at most 31");
    assertThat(refused("32d")).isEqualTo("The last 32 days is too long; a report covers at most 31 days.");
    assertThat(refused("last 365 days")).contains("at most 31");
    assertThat(refused("last 99999999999999999999 days")).contains("at most 31");
  }

  @Test
  void rangesThatEndBeforeTheyStartAreRefused() {
    assertThat(refused("2026-11-07..2026-11-01"))
        .isEqualTo("2026-11-07..2026-11-01 ends before it starts; put the earlier day first, as in 2026-11-01..2026-11-07.");
  }

  @Test
  void impossibleDatesAreRefused() {
    assertThat(refused("2026-02-30")).isEqualTo("2026-02-30 is not a date: February 2026 has 28 days.");
    assertThat(refused("2026-04-31")).isEqualTo("2026-04-31 is not a date: April 2026 has 30 days.");
    assertThat(refused("2025-02-29")).isEqualTo("2025-02-29 is not a date: February 2025 has 28 days.");
    assertThat(refused("2026-11-00")).isEqualTo("2026-11-00 is not a date: November 2026 has 30 days.");
    assertThat(refused("2026-13-01")).isEqualTo("2026-13-01 is not a date: months run from 01 to 12.");
    assertThat(refused("2026-00-10")).isEqualTo("2026-00-10 is not a date: months run from 01 to 12.");
    assertThat(refused("2026-11-01..2026-11-31")).isEqualTo("2026-11-31 is not a date: November 2026 has 30 days.");
    assertThat(refused("2026-02-29..2026-03-02")).isEqualTo("2026-02-29 is not a date: February 2026 has 28 days.");
  }

  @Test
  void zeroDaysAreRefused() {
    assertThat(refused("0d")).isEqualTo("A period needs at least 1 day; try last 7 days or 7d.");
    assertThat(refused("last 0 days")).isEqualTo("A period needs at least 1 day; try last 7 days or 7d.");
    assertThat(refused("last 000 days")).isEqualTo("A period needs at least 1 day; try last 7 days or 7d.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo", "next week", "last week please", "7 weeks", "2026/11/24", "24-11-2026", "last days",
      "-3d", "last -3 days", "yesterdays", "2026-11-1", "d", "tomorrow"})
  void unknownWordsAreRefusedWithWhatIsAccepted(String text) {
    String sentence = refused(text);
    assertThat(sentence).startsWith("I can't read ")
        .contains("yesterday, today, 2026-11-24, 2026-11-18..2026-11-24, last 7 days, 7d, this week or last week");
  }

  @Test
  void unknownTextIsEchoedInertAndShort() {
    String sentence = refused("<!channel> & <@U123> " + "x".repeat(200));
    assertThat(sentence).doesNotContain("<").doesNotContain(">").doesNotContain("&").hasSizeLessThan(200);
    assertThat(sentence).contains("!channel");
  }

  @Test
  void grammarNamesEveryForm() {
    assertThat(PeriodParser.GRAMMAR).contains("yesterday", "today", "..", "last N days", "Nd", "this week",
        "last week", "31");
  }

  @Property(tries = 500)
  void everyTextIsAPeriodOfAtMost31PastDaysOrOneSentence(@ForAll String text) {
    PeriodParse result = PeriodParser.parse(text, TODAY);
    if (result instanceof PeriodParse.Parsed parsed) {
      assertThat(parsed.period().days()).isBetween(1, Period.MAX_DAYS);
      assertThat(parsed.period().to()).isBeforeOrEqualTo(TODAY);
    } else {
      assertThat(((PeriodParse.Invalid) result).sentence()).isNotBlank().endsWith(".");
    }
  }

  @Test
  void everyParsedPeriodsTokenParsesBackToItself() {
    for (String text : new String[] {"yesterday", "today", "2026-11-20", "2026-11-01..2026-11-07", "last 7 days", "7d",
        "this week", "last week"}) {
      Period period = parsed(text);
      assertThat(parsed(period.token())).isEqualTo(period);
    }
  }

  // ---- Chinese forms (SPEC §4) ----

  private static String refusedIn(Language language, String text) {
    PeriodParse result = PeriodParser.parse(text, TODAY);
    assertThat(result).as("parse of '%s'", text).isInstanceOf(PeriodParse.Invalid.class);
    return ((PeriodParse.Invalid) result).sentence(Texts.of(language));
  }

  @Test
  void chineseKeywordsMeanTheEnglishOnes() {
    assertThat(parsed("昨天")).isEqualTo(p("2026-11-24", "2026-11-24"));
    assertThat(parsed("今天")).isEqualTo(p("2026-11-25", "2026-11-25"));
    assertThat(parsed(" 本周 ")).isEqualTo(p("2026-11-23", "2026-11-25"));
    assertThat(parsed("上周")).isEqualTo(p("2026-11-16", "2026-11-22"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"最近7天", "最近 7 天", "最近\u30007天", "7天", "7 天", "最近07天", "最近７天", "７天", "最近　７　天"})
  void chineseLastNDaysInEverySpelling(String text) {
    assertThat(parsed(text)).isEqualTo(p("2026-11-18", "2026-11-24"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-01至2026-11-07", "2026-11-01 至 2026-11-07", "2026-11-01\u3000至\u30002026-11-07",
      "２０２６－１１－０１至２０２６－１１－０７"})
  void chineseRangesWithOrWithoutSpacesAroundZhi(String text) {
    assertThat(parsed(text)).isEqualTo(p("2026-11-01", "2026-11-07"));
  }

  @Test
  void aFullWidthDateIsADate() {
    assertThat(parsed("２０２６－１１－２０")).isEqualTo(p("2026-11-20", "2026-11-20"));
  }

  @Test
  void chineseRefusalsAreWrittenInChinese() {
    assertThat(refusedIn(Language.ZH, "2026-11-26")).isEqualTo("2026-11-26 是未来的日期；最新的数据只到今天（2026-11-25）。");
    assertThat(refusedIn(Language.ZH, "2026-11-20至2026-11-27"))
        .isEqualTo("2026-11-27 是未来的日期；最新的数据只到今天（2026-11-25）。");
    assertThat(refusedIn(Language.ZH, "2026-10-25至2026-11-25")).isEqualTo("2026-10-25至2026-11-25 共 32 天；一份报告最多覆盖 31 天。");
    assertThat(refusedIn(Language.ZH, "最近32天")).isEqualTo("最近 32 天太长了；一份报告最多覆盖 31 天。");
    assertThat(refusedIn(Language.ZH, "45天")).isEqualTo("最近 45 天太长了；一份报告最多覆盖 31 天。");
    assertThat(refusedIn(Language.ZH, "最近0天")).isEqualTo("时间段至少要包含 1 天；可以试试“最近7天”或“7天”。");
    assertThat(refusedIn(Language.ZH, "0天")).isEqualTo("时间段至少要包含 1 天；可以试试“最近7天”或“7天”。");
    assertThat(refusedIn(Language.ZH, "2026-11-07至2026-11-01"))
        .isEqualTo("2026-11-07至2026-11-01 的结束日期早于开始日期；请把较早的日期放在前面，例如 2026-11-01至2026-11-07。");
    assertThat(refusedIn(Language.ZH, "2026-02-30")).isEqualTo("2026-02-30 不是有效日期：2026年2月只有 28 天。");
    assertThat(refusedIn(Language.ZH, "2026-13-01")).isEqualTo("2026-13-01 不是有效日期：月份只能是 01 到 12。");
    assertThat(refusedIn(Language.ZH, "明天")).isEqualTo(
        "无法把“明天”识别为时间段；可以试试：昨天、今天、2026-11-24、2026-11-18至2026-11-24、最近7天、7天、本周或上周。");
  }

  @Test
  void aRefusalOfAChineseFormIsTheRefusalOfItsEnglishForm() {
    // The same limits, the same sentence: the reader's language decides how it reads, not the form typed.
    assertThat(PeriodParser.parse("最近40天", TODAY)).isEqualTo(PeriodParser.parse("last 40 days", TODAY));
    assertThat(refusedIn(Language.EN, "最近40天")).isEqualTo("The last 40 days is too long; a report covers at most 31 days.");
    assertThat(refusedIn(Language.EN, "0天")).isEqualTo("A period needs at least 1 day; try last 7 days or 7d.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"明天", "下周", "最近天", "最近-3天", "最近7周", "天", "本周一", "2026年11月24日", "前天"})
  void unknownChineseIsRefusedWithTheChineseForms(String text) {
    assertThat(refusedIn(Language.ZH, text)).startsWith("无法把“").endsWith("。")
        .contains("昨天、今天、2026-11-24、2026-11-18至2026-11-24、最近7天、7天、本周或上周");
  }

  /** An English period and the Chinese form of it, for one {@code today}. */
  record Pair(String english, String chinese) {}

  /** Every English form resolves exactly as its Chinese form does, for any today: the same days, or the same refusal. */
  @Property(tries = 400)
  void everyEnglishPeriodHasAChineseFormThatResolvesToTheSameDays(@ForAll("days") LocalDate today,
      @ForAll("pairs") java.util.function.Function<LocalDate, Pair> form) {
    Pair pair = form.apply(today);
    PeriodParse english = PeriodParser.parse(pair.english(), today);
    PeriodParse chinese = PeriodParser.parse(pair.chinese(), today);
    assertThat(chinese).as("%s vs %s on %s", pair.chinese(), pair.english(), today).isEqualTo(english);
  }

  @Property(tries = 200)
  void lastNDaysForNFrom1To31ResolveInBothLanguages(@ForAll("days") LocalDate today,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 31) int n) {
    Period expected = new Period(today.minusDays(n), today.minusDays(1));
    for (String text : new String[] {"last " + n + " days", n + "d", "最近" + n + "天", n + "天", "最近 " + n + " 天"}) {
      assertThat(parsed(text, today)).as(text).isEqualTo(expected);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<LocalDate> days() {
    return net.jqwik.api.Arbitraries.longs().between(LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2100, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> pairs() {
    var n = net.jqwik.api.Arbitraries.integers().between(0, 40);
    var offset = net.jqwik.api.Arbitraries.integers().between(-3, 60);
    var span = net.jqwik.api.Arbitraries.integers().between(-3, 40);
    net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> fixed = net.jqwik.api.Arbitraries.of(
        t -> new Pair("yesterday", "昨天"), t -> new Pair("today", "今天"), t -> new Pair("this week", "本周"),
        t -> new Pair("last week", "上周"), t -> new Pair("", ""));
    net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> lastN =
        n.map(k -> t -> new Pair("last " + k + " days", "最近" + k + "天"));
    net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> nd = n.map(k -> t -> new Pair(k + "d", k + "天"));
    net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> day =
        offset.map(o -> t -> new Pair(t.minusDays(o).toString(), t.minusDays(o).toString()));
    net.jqwik.api.Arbitrary<java.util.function.Function<LocalDate, Pair>> range = net.jqwik.api.Combinators.combine(offset, span)
        .as((o, d) -> t -> {
          LocalDate to = t.minusDays(o);
          LocalDate from = to.minusDays(d);
          return new Pair(from + ".." + to, from + (d % 2 == 0 ? "至" : " 至 ") + to);
        });
    return net.jqwik.api.Arbitraries.oneOf(fixed, lastN, nd, day, range);
  }

  @Property(tries = 500)
  void everyChineseLookingTextIsAPeriodOfAtMost31PastDaysOrOneSentenceInEachLanguage(@ForAll("chineseish") String text) {
    PeriodParse result = PeriodParser.parse(text, TODAY);
    if (result instanceof PeriodParse.Parsed parsed) {
      assertThat(parsed.period().days()).isBetween(1, Period.MAX_DAYS);
      assertThat(parsed.period().to()).isBeforeOrEqualTo(TODAY);
    } else {
      PeriodParse.Invalid invalid = (PeriodParse.Invalid) result;
      assertThat(invalid.sentence()).isNotBlank().endsWith(".").doesNotContain("\n");
      assertThat(invalid.sentence(Texts.of(Language.ZH))).isNotBlank().endsWith("。").doesNotContain("\n");
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> chineseish() {
    var words = net.jqwik.api.Arbitraries.of("昨天", "今天", "本周", "上周", "最近", "天", "至", "7", "０", "７", "31", "32",
        "99999999999", "2026-11-01", "2026-02-30", "２０２６－１１－０１", "　", " ", "..", "d", "-", "<", "&", "明天", "周");
    return net.jqwik.api.Combinators.combine(words.list().ofMaxSize(5), net.jqwik.api.Arbitraries.of("", " "))
        .as((l, sep) -> String.join(sep, l));
  }
}
