package com.deskstats.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The English formats, as every surface showed them before there were two languages. */
class EnglishFormatsTest {

  private static final Formats EN = Formats.of(Language.EN);

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void countsHaveThousandsSeparators() {
    assertThat(EN.count(1_234_567)).isEqualTo("1,234,567");
    assertThat(EN.count(0)).isEqualTo("0");
  }

  @Test
  void sharesNeverRoundToAFalseZeroOrHundred() {
    assertThat(EN.percent(0.8333)).isEqualTo("83%");
    assertThat(EN.percent(0.004)).isEqualTo("1%");
    assertThat(EN.percent(0.996)).isEqualTo("99%");
    assertThat(EN.percent(0)).isEqualTo("0%");
    assertThat(EN.percent(1)).isEqualTo("100%");
    assertThat(EN.ratio(5, 6)).isEqualTo("83% (5/6)");
    assertThat(EN.ratio(0, 0)).isEqualTo("no ratings");
  }

  @Test
  void durationsRead() {
    assertThat(EN.seconds(12.4)).isEqualTo("12s");
    assertThat(EN.seconds(65)).isEqualTo("1m 05s");
    assertThat(EN.seconds(7380)).isEqualTo("2h 03m");
    assertThat(EN.span(45 * 60)).isEqualTo("45m");
    assertThat(EN.span(6 * 3600 + 600)).isEqualTo("6h 10m");
  }

  @Test
  void changesShowDirectionAndSize() {
    assertThat(EN.countChange(12, 0)).isEqualTo("▲ 12");
    assertThat(EN.countChange(0, 3)).isEqualTo("▼ 3");
    assertThat(EN.countChange(4, 4)).isEqualTo("±0");
    assertThat(EN.shareChange(OptionalDouble.of(0.5), OptionalDouble.of(0.49))).isEqualTo("▲ 1 pt");
    assertThat(EN.shareChange(OptionalDouble.of(0.5), OptionalDouble.empty())).isEmpty();
    assertThat(EN.secondsChange(OptionalDouble.of(10), OptionalDouble.of(72))).isEqualTo("▼ 1m 02s");
  }

  @Test
  void ageSaysHoursUntilTwoDaysThenDays() {
    Instant now = Instant.parse("2026-11-25T06:08:00Z");
    assertThat(EN.age(now.minusSeconds(30), now)).isEqualTo("just now");
    assertThat(EN.age(now.minusSeconds(3 * 60), now)).isEqualTo("3 min ago");
    assertThat(EN.age(now.minusSeconds(30 * 3600), now)).isEqualTo("30 h ago");
    assertThat(EN.age(now.minusSeconds(72 * 3600), now)).isEqualTo("3 days ago");
    assertThat(EN.dataAge(now.minusSeconds(180), SHANGHAI, now))
        .isEqualTo("data as of 14:05 Asia/Shanghai, 3 min ago");
    assertThat(EN.dataAge(null, SHANGHAI, now)).isEqualTo("data age unknown");
    assertThat(EN.clock(Instant.parse("2026-11-23T06:05:00Z"), SHANGHAI, LocalDate.of(2026, 11, 25)))
        .isEqualTo("Mon 23 Nov 14:05");
    assertThat(EN.timestamp(0, SHANGHAI)).isEqualTo("—");
  }
}
