package com.deskstats.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private static final Formats EN = Formats.of(Language.EN);
  private static final Formats ZH = Formats.of(Language.ZH);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void datesAndWeekdaysFollowTheLanguage() {
    LocalDate sat = LocalDate.of(2026, 11, 28);
    assertThat(EN.date(sat)).isEqualTo("Sat 28 Nov 2026");
    assertThat(ZH.date(sat)).isEqualTo("2026年11月28日 周六");
    assertThat(ZH.dayMonth(sat)).isEqualTo("11月28日");
  }

  @Test
  void periodsReadAsRangesInEachLanguage() {
    LocalDate a = LocalDate.of(2026, 11, 1);
    LocalDate b = LocalDate.of(2026, 11, 7);
    assertThat(EN.days(a, b)).isEqualTo("1 Nov – 7 Nov 2026");
    assertThat(ZH.days(a, b)).isEqualTo("2026年11月1日至11月7日");
    assertThat(ZH.days(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4))).isEqualTo("2025年12月29日至2026年1月4日");
    assertThat(EN.days(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4))).isEqualTo("29 Dec 2025 – 4 Jan 2026");
  }

  @Test
  void durationsFollowTheLanguage() {
    assertThat(EN.seconds(16)).isEqualTo("16s");
    assertThat(ZH.seconds(16)).isEqualTo("16秒");
    assertThat(EN.seconds(65)).isEqualTo("1m 05s");
    assertThat(ZH.seconds(65)).isEqualTo("1分05秒");
    assertThat(ZH.seconds(7380)).isEqualTo("2小时03分");
    assertThat(ZH.span(45 * 60)).isEqualTo("45分");
  }

  @Test
  void changesAreJudgedInTheLanguage() {
    assertThat(EN.judged(EN.secondsChange(OptionalDouble.of(10), OptionalDouble.of(14)), Formats.Good.DOWN))
        .isEqualTo("▼ 4s (better)");
    assertThat(ZH.judged(ZH.secondsChange(OptionalDouble.of(10), OptionalDouble.of(14)), Formats.Good.DOWN))
        .isEqualTo("▼ 4秒（改善）");
    assertThat(EN.shareChange(OptionalDouble.of(0.80), OptionalDouble.of(0.79))).isEqualTo("▲ 1 pt");
    assertThat(ZH.shareChange(OptionalDouble.of(0.80), OptionalDouble.of(0.77))).isEqualTo("▲ 3个百分点");
    assertThat(ZH.ratio(0, 0)).isEqualTo("暂无评价");
  }

  @Test
  void dataAgeReadsInTheLanguage() {
    Instant now = Instant.parse("2026-11-28T06:05:00Z");
    assertThat(EN.dataAge(now.minusSeconds(180), SHANGHAI, now)).isEqualTo("data as of 14:02 Asia/Shanghai, 3 min ago");
    assertThat(ZH.dataAge(now.minusSeconds(180), SHANGHAI, now)).isEqualTo("数据截至 14:02（Asia/Shanghai），3分钟前");
  }
}
