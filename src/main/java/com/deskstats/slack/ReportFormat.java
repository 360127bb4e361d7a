package com.deskstats.slack;

import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.OptionalDouble;

/** English formats for code not yet told its reader's language; new code uses {@link Formats} of a language. */
public final class ReportFormat {
  private ReportFormat() {}

  private static final Formats EN = Formats.of(Language.EN);

  public static String count(long n) {
    return EN.count(n);
  }

  public static String percent(double share) {
    return EN.percent(share);
  }

  public static String ratio(long satisfied, long rated) {
    return EN.ratio(satisfied, rated);
  }

  public static String seconds(double seconds) {
    return EN.seconds(seconds);
  }

  public static String span(long seconds) {
    return EN.span(seconds);
  }

  public static String countChange(long current, long previous) {
    return EN.countChange(current, previous);
  }

  public static String shareChange(OptionalDouble current, OptionalDouble previous) {
    return EN.shareChange(current, previous);
  }

  public static String secondsChange(OptionalDouble current, OptionalDouble previous) {
    return EN.secondsChange(current, previous);
  }

  /** Which way a change is good: see {@link Formats.Good}. */
  public enum Good { UP, DOWN, NEITHER }

  public static String judged(String change, Good good) {
    return EN.judged(change, Formats.Good.valueOf(good.name()));
  }

  public static String dayMonth(LocalDate day) {
    return EN.dayMonth(day);
  }

  public static String clock(Instant at, ZoneId zone, LocalDate today) {
    return EN.clock(at, zone, today);
  }

  public static String timestamp(long unixSeconds, ZoneId zone) {
    return EN.timestamp(unixSeconds, zone);
  }

  public static String age(Instant then, Instant now) {
    return EN.age(then, now);
  }

  public static String dataAge(Instant dataAsOf, ZoneId zone, Instant now) {
    return EN.dataAge(dataAsOf, zone, now);
  }
}
