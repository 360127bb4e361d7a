package com.deskstats.text;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** How numbers, shares, durations, changes, dates and periods read in one language, on every surface. */
public final class Formats {
  private final Texts t;
  private final DateTimeFormatter hhMm;
  private final DateTimeFormatter dayMonth;
  private final DateTimeFormatter dayTime;
  private final DateTimeFormatter date;
  private final DateTimeFormatter rangeStartSameYear;
  private final DateTimeFormatter rangeStart;
  private final DateTimeFormatter rangeEnd;
  private final DateTimeFormatter rangeEndOtherYear;

  Formats(Texts t) {
    this.t = t;
    Locale l = t.locale();
    hhMm = DateTimeFormatter.ofPattern("HH:mm", l);
    dayMonth = DateTimeFormatter.ofPattern(t.pattern("pattern.day_month"), l);
    dayTime = DateTimeFormatter.ofPattern(t.pattern("pattern.day_time"), l);
    date = DateTimeFormatter.ofPattern(t.pattern("pattern.date"), l);
    rangeStartSameYear = DateTimeFormatter.ofPattern(t.pattern("pattern.range_start_same_year"), l);
    rangeStart = DateTimeFormatter.ofPattern(t.pattern("pattern.range_start"), l);
    rangeEnd = DateTimeFormatter.ofPattern(t.pattern("pattern.range_end"), l);
    rangeEndOtherYear = DateTimeFormatter.ofPattern(t.pattern("pattern.range_end_other_year"), l);
  }

  /** The formats of a language. */
  public static Formats of(Language language) {
    return Texts.of(language).formats();
  }

  /** 1234567 → "1,234,567". */
  public String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }

  /** 0.8333 → "83%"; never shows 100% for a share below 1 or 0% for one above 0. */
  public String percent(double share) {
    long p = Math.round(share * 100);
    if (p >= 100 && share < 1) p = 99;
    if (p <= 0 && share > 0) p = 1;
    return p + "%";
  }

  /** Satisfaction as "83% (5/6)", or "no ratings". */
  public String ratio(long satisfied, long rated) {
    if (rated <= 0) return t.get("format.no_ratings");
    return percent((double) satisfied / rated) + " (" + count(satisfied) + "/" + count(rated) + ")";
  }

  /** Seconds for a response time: "12s", "1m 05s", "2h 03m" (16秒, 1分05秒, 2小时03分); rounded to the second. */
  public String seconds(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) return t.get("format.seconds", String.valueOf(s));
    if (s < 3600) return t.get("format.minutes_seconds", String.valueOf(s / 60), two(s % 60));
    return t.get("format.hours_minutes", String.valueOf(s / 3600), two((s % 3600) / 60));
  }

  /** A long span of seconds (online time): "0m", "45m", "6h 10m". */
  public String span(long seconds) {
    long m = Math.max(0, seconds) / 60;
    if (m < 60) return t.get("format.minutes", String.valueOf(m));
    return t.get("format.hours_minutes", String.valueOf(m / 60), two(m % 60));
  }

  private static String two(long n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }

  /** Change of a count: "▲ 12", "▼ 3", "±0". */
  public String countChange(long current, long previous) {
    long d = current - previous;
    if (d == 0) return "±0";
    return (d > 0 ? "▲ " : "▼ ") + count(Math.abs(d));
  }

  /** Change of a share in percentage points: "▲ 3 pts", "▼ 1 pt", "±0 pts"; empty when either side is unknown. */
  public String shareChange(OptionalDouble current, OptionalDouble previous) {
    if (current.isEmpty() || previous.isEmpty()) return "";
    long d = Math.round((current.getAsDouble() - previous.getAsDouble()) * 100);
    if (d == 0) return t.get("format.points_none");
    return (d > 0 ? "▲ " : "▼ ") + t.get("format.points", Math.abs(d));
  }

  /** Change of a response time: "▲ 4s", "▼ 1m 02s", "±0s"; empty when either side is unknown. */
  public String secondsChange(OptionalDouble current, OptionalDouble previous) {
    if (current.isEmpty() || previous.isEmpty()) return "";
    long d = Math.round(current.getAsDouble()) - Math.round(previous.getAsDouble());
    if (d == 0) return "±" + seconds(0);
    return (d > 0 ? "▲ " : "▼ ") + seconds(Math.abs(d));
  }

  /** Which way a change of a summary figure is good for the team; sessions and active agents are neither. */
  public enum Good { UP, DOWN, NEITHER }

  /**
   * A change with what it means for the team: "▼ 4s (better)" for a faster first response, "▲ 2 (worse)" for more
   * unreplied sessions; as it is when no change or when {@code good} is {@link Good#NEITHER}.
   */
  public String judged(String change, Good good) {
    boolean up = change.startsWith("▲");
    if (good == Good.NEITHER || !(up || change.startsWith("▼"))) return change;
    return t.get(up == (good == Good.UP) ? "format.better" : "format.worse", change);
  }

  /** "16 Nov" (11月16日): a trend line's end. */
  public String dayMonth(LocalDate day) {
    return dayMonth.format(day);
  }

  /** "Sat 28 Nov 2026" (2026年11月28日 周六). */
  public String date(LocalDate day) {
    return date.format(day);
  }

  /** "14:05". */
  public String time(ZonedDateTime at) {
    return hhMm.format(at);
  }

  /** A period of days: "Tue 24 Nov 2026" or "1 Nov – 7 Nov 2026" (2026年11月1日至11月7日). */
  public String days(LocalDate from, LocalDate to) {
    if (from.equals(to)) return date(from);
    boolean sameYear = from.getYear() == to.getYear();
    return t.get("format.range", (sameYear ? rangeStartSameYear : rangeStart).format(from),
        (sameYear ? rangeEnd : rangeEndOtherYear).format(to));
  }

  /** "14:05" when {@code at} falls on {@code today} in the zone, else "Mon 23 Nov 14:05". */
  public String clock(Instant at, ZoneId zone, LocalDate today) {
    ZonedDateTime z = at.atZone(zone);
    return z.toLocalDate().equals(today) ? hhMm.format(z) : dayTime.format(z);
  }

  /** A Unix-seconds timestamp as "Mon 23 Nov 08:58" in the zone, or "—" when Desk gave none (0). */
  public String timestamp(long unixSeconds, ZoneId zone) {
    if (unixSeconds <= 0) return "—";
    return dayTime.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
  }

  /** How long ago: "just now", "3 min ago", "2 h ago", "3 days ago". */
  public String age(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative() || d.toSeconds() < 60) return t.get("format.age_now");
    if (d.toMinutes() < 60) return t.get("format.age_minutes", d.toMinutes());
    if (d.toHours() < 48) return t.get("format.age_hours", d.toHours());
    return t.get("format.age_days", d.toDays());
  }

  /** "data as of 14:05 Asia/Shanghai, 3 min ago", or "data age unknown". */
  public String dataAge(Instant dataAsOf, ZoneId zone, Instant now) {
    if (dataAsOf == null) return t.get("format.data_age_unknown");
    LocalDate today = now.atZone(zone).toLocalDate();
    return t.get("format.data_age", clock(dataAsOf, zone, today), zone.getId(), age(dataAsOf, now));
  }
}
