package com.deskstats.slack;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** How numbers, shares, durations, changes and times read in every report surface (Slack, preview). */
public final class ReportFormat {
  private ReportFormat() {}

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_HH_MM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  /** 1234567 → "1,234,567". */
  public static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }

  /** 0.8333 → "83%"; never shows 100% for a share below 1 or 0% for one above 0. */
  public static String percent(double share) {
    long p = Math.round(share * 100);
    if (p >= 100 && share < 1) p = 99;
    if (p <= 0 && share > 0) p = 1;
    return p + "%";
  }

  /** Satisfaction as "83% (5/6)", or "no ratings". */
  public static String ratio(long satisfied, long rated) {
    if (rated <= 0) return "no ratings";
    return percent((double) satisfied / rated) + " (" + count(satisfied) + "/" + count(rated) + ")";
  }

  /** Seconds for a response time: "12s", "1m 05s", "2h 03m"; rounded to the second. */
  public static String seconds(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + "s";
    if (s < 3600) return String.format(Locale.ENGLISH, "%dm %02ds", s / 60, s % 60);
    return String.format(Locale.ENGLISH, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  /** A long span of seconds (online time): "0m", "45m", "6h 10m". */
  public static String span(long seconds) {
    long m = Math.max(0, seconds) / 60;
    if (m < 60) return m + "m";
    return String.format(Locale.ENGLISH, "%dh %02dm", m / 60, m % 60);
  }

  /** Change of a count: "▲ 12", "▼ 3", "±0". */
  public static String countChange(long current, long previous) {
    long d = current - previous;
    if (d == 0) return "±0";
    return (d > 0 ? "▲ " : "▼ ") + count(Math.abs(d));
  }

  /** Change of a share in percentage points: "▲ 3 pts", "▼ 1 pt", "±0 pts"; empty when either side is unknown. */
  public static String shareChange(OptionalDouble current, OptionalDouble previous) {
    if (current.isEmpty() || previous.isEmpty()) return "";
    long d = Math.round((current.getAsDouble() - previous.getAsDouble()) * 100);
    if (d == 0) return "±0 pts";
    return (d > 0 ? "▲ " : "▼ ") + Math.abs(d) + (Math.abs(d) == 1 ? " pt" : " pts");
  }

  /** Change of a response time: "▲ 4s", "▼ 1m 02s", "±0s"; empty when either side is unknown. */
  public static String secondsChange(OptionalDouble current, OptionalDouble previous) {
    if (current.isEmpty() || previous.isEmpty()) return "";
    long d = Math.round(current.getAsDouble()) - Math.round(previous.getAsDouble());
    if (d == 0) return "±0s";
    return (d > 0 ? "▲ " : "▼ ") + seconds(Math.abs(d));
  }

  /** Which way a change of a summary figure is good for the team; sessions and active agents are neither. */
  public enum Good { UP, DOWN, NEITHER }

  /**
   * A change with what it means for the team: "▼ 4s (better)" for a faster first response, "▲ 2 (worse)" for more
   * unreplied sessions; as it is when no change or when {@code good} is {@link Good#NEITHER}.
   */
  public static String judged(String change, Good good) {
    boolean up = change.startsWith("▲");
    if (good == Good.NEITHER || !(up || change.startsWith("▼"))) return change;
    return change + (up == (good == Good.UP) ? " (better)" : " (worse)");
  }

  /** "16 Nov": a trend line's end. */
  public static String dayMonth(LocalDate day) {
    return DAY_MONTH.format(day);
  }

  /** "14:05" when {@code at} falls on {@code today} in the zone, else "Mon 23 Nov 14:05". */
  public static String clock(Instant at, ZoneId zone, LocalDate today) {
    ZonedDateTime t = at.atZone(zone);
    return t.toLocalDate().equals(today) ? HH_MM.format(t) : DAY_HH_MM.format(t);
  }

  /** A Unix-seconds timestamp as "Mon 23 Nov 08:58" in the zone, or "—" when Desk gave none (0). */
  public static String timestamp(long unixSeconds, ZoneId zone) {
    if (unixSeconds <= 0) return "—";
    return DAY_HH_MM.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
  }

  /** How long ago: "just now", "3 min ago", "2 h ago", "3 days ago". */
  public static String age(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    if (d.isNegative() || d.toSeconds() < 60) return "just now";
    if (d.toMinutes() < 60) return d.toMinutes() + " min ago";
    if (d.toHours() < 48) return d.toHours() + " h ago";
    return d.toDays() + " days ago";
  }

  /** "data as of 14:05 Asia/Shanghai, 3 min ago", or "data age unknown". */
  public static String dataAge(Instant dataAsOf, ZoneId zone, Instant now) {
    if (dataAsOf == null) return "data age unknown";
    LocalDate today = now.atZone(zone).toLocalDate();
    return "data as of " + clock(dataAsOf, zone, today) + " " + zone.getId() + ", " + age(dataAsOf, now);
  }
}
