package com.deskstats.digest;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/** Cron arithmetic for subscriptions: daily crons from HH:MM, the last fire time, schedules in words. */
final class Schedules {
  private Schedules() {}

  /** How far back start-up looks for a missed run: covers weekly crons. */
  static final Duration LOOK_BACK = Duration.ofDays(8);

  private static final Pattern DAILY = Pattern.compile("0 (\\d{1,2}) (\\d{1,2}) \\* \\* \\?");

  private static final Pattern WEEKLY = Pattern.compile("0 (\\d{1,2}) (\\d{1,2}) \\? \\* (MON|TUE|WED|THU|FRI|SAT|SUN)");

  /** The Quartz cron for every {@code day} at {@code time}: {@code 0 MM HH ? * MON}. */
  static String weekly(LocalTime time, java.time.DayOfWeek day) {
    return "0 " + time.getMinute() + " " + time.getHour() + " ? * " + day.name().substring(0, 3);
  }

  /** The time of day of a daily or weekly cron of ours, or empty for any other cron. */
  static Optional<LocalTime> timeOf(String cron) {
    Matcher m = DAILY.matcher(cron.trim());
    Matcher w = WEEKLY.matcher(cron.trim());
    Matcher hit = m.matches() ? m : w.matches() ? w : null;
    if (hit == null) return Optional.empty();
    int minute = Integer.parseInt(hit.group(1));
    int hour = Integer.parseInt(hit.group(2));
    return hour < 24 && minute < 60 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
  }

  /** The Quartz cron for every day at {@code time}: {@code 0 MM HH * * ?}. */
  static String daily(LocalTime time) {
    return "0 " + time.getMinute() + " " + time.getHour() + " * * ?";
  }

  static CronExpression cron(String cron, ZoneId zone) {
    try {
      CronExpression e = new CronExpression(cron);
      e.setTimeZone(TimeZone.getTimeZone(zone));
      return e;
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a Quartz cron expression: " + cron, e);
    }
  }

  /** The latest fire time in (notBefore, now], looking back at most {@link #LOOK_BACK}. */
  static Optional<Instant> lastFire(String cron, ZoneId zone, Instant now, Instant notBefore) {
    CronExpression e = cron(cron, zone);
    Instant from = now.minus(LOOK_BACK);
    if (notBefore.isAfter(from)) from = notBefore;
    Instant last = null;
    Date t = e.getNextValidTimeAfter(Date.from(from));
    while (t != null && !t.toInstant().isAfter(now)) {
      last = t.toInstant();
      t = e.getNextValidTimeAfter(t);
    }
    return Optional.ofNullable(last);
  }

  static Optional<Instant> nextFire(String cron, ZoneId zone, Instant after) {
    Date t = cron(cron, zone).getNextValidTimeAfter(Date.from(after));
    return Optional.ofNullable(t).map(Date::toInstant);
  }

  /** "every day at 09:00 (Asia/Shanghai)" for daily crons, else the cron itself with its zone; in English. */
  static String words(String cron, ZoneId zone) {
    return words(cron, zone, Texts.of(Language.EN));
  }

  /** The schedule in the reader's words: "every Monday at 09:00 (Asia/Shanghai)", 每周一 09:00（Asia/Shanghai）. */
  static String words(String cron, ZoneId zone, Texts x) {
    Matcher m = DAILY.matcher(cron.trim());
    if (m.matches()) {
      int minute = Integer.parseInt(m.group(1));
      int hour = Integer.parseInt(m.group(2));
      if (hour < 24 && minute < 60) {
        return x.get("posts.schedule.daily", String.format("%02d:%02d", hour, minute), zone.getId());
      }
    }
    Matcher w = WEEKLY.matcher(cron.trim());
    if (w.matches() && timeOf(cron).isPresent()) {
      java.time.DayOfWeek day = java.util.Arrays.stream(java.time.DayOfWeek.values())
          .filter(d -> d.name().startsWith(w.group(3))).findFirst().orElseThrow();
      return x.get("posts.schedule.weekly", x.get("posts.weekday." + day.name().toLowerCase(java.util.Locale.ROOT)),
          timeOf(cron).get().toString(), zone.getId());
    }
    return x.get("posts.schedule.cron", cron, zone.getId());
  }
}
