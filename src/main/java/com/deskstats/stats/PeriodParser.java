package com.deskstats.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the period grammar of SPEC §4 relative to a given Desk day; every text maps to a period or one sentence. */
public final class PeriodParser {

  /** The accepted periods, for usage help. */
  public static final String GRAMMAR =
      "yesterday (the default), today, a day (2026-11-24), a range (2026-11-01..2026-11-07), "
          + "last N days or Nd (the N days ending yesterday), this week (Monday to today) or last week "
          + "(Monday to Sunday); at most " + Period.MAX_DAYS + " days, none in the future.";

  private static final String DATE = "(\\d{4})-(\\d{2})-(\\d{2})";
  private static final Pattern DAY = Pattern.compile(DATE);
  // "..", an en or em dash, a spaced hyphen, or "to" between two dates.
  private static final Pattern RANGE = Pattern.compile(DATE + "(?:\\s*(?:\\.\\.|–|—)\\s*|\\s+-\\s+|\\s+to\\s+)" + DATE);
  private static final Pattern LAST_N = Pattern.compile("(?:last\\s+(\\d+)\\s+days?|(\\d+)\\s*d)");
  // Unicode-aware so a no-break space pasted from a chat client counts as a space.
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");
  private static final int MAX_ECHO = 40;

  private PeriodParser() {}

  /**
   * The period a text names, resolved against {@code today} (today in the Desk time zone).
   * Blank means yesterday. Never throws: anything that is not an acceptable period is an {@link PeriodParse.Invalid}.
   */
  public static PeriodParse parse(String text, LocalDate today) {
    String t = text == null ? "" : SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    LocalDate yesterday = today.minusDays(1);
    switch (t) {
      case "", "yesterday":
        return ok(Period.day(yesterday));
      case "today":
        return ok(Period.day(today));
      case "this week":
        return ok(new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today));
      case "last week": {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        return ok(new Period(monday, monday.plusDays(6)));
      }
      default:
        break;
    }
    try {
      Matcher m = DAY.matcher(t);
      if (m.matches()) return ok(day(date(m, 1), today));
      m = RANGE.matcher(t);
      if (m.matches()) return ok(range(date(m, 1), date(m, 4), today));
      m = LAST_N.matcher(t);
      if (m.matches()) return ok(lastN(m.group(1) != null ? m.group(1) : m.group(2), yesterday));
    } catch (Refusal r) {
      return new PeriodParse.Invalid(r.getMessage());
    }
    return new PeriodParse.Invalid(unknown(text, today));
  }

  private static Period day(LocalDate day, LocalDate today) {
    if (day.isAfter(today)) throw new Refusal(future(day, today));
    return Period.day(day);
  }

  private static Period range(LocalDate from, LocalDate to, LocalDate today) {
    if (to.isBefore(from)) {
      throw new Refusal(from + ".." + to + " ends before it starts; put the earlier day first, as in " + to + ".."
          + from + ".");
    }
    if (to.isAfter(today)) throw new Refusal(future(to, today));
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > Period.MAX_DAYS) {
      throw new Refusal(from + ".." + to + " covers " + days + " days; a report covers at most " + Period.MAX_DAYS
          + " days.");
    }
    return new Period(from, to);
  }

  private static Period lastN(String digits, LocalDate yesterday) {
    String n = digits.replaceFirst("^0+(?=\\d)", "");
    if (n.equals("0")) throw new Refusal("A period needs at least 1 day; try last 7 days or 7d.");
    if (n.length() > 3 || Integer.parseInt(n) > Period.MAX_DAYS) {
      throw new Refusal("The last " + n + " days is too long; a report covers at most " + Period.MAX_DAYS + " days.");
    }
    return new Period(yesterday.minusDays(Integer.parseInt(n) - 1L), yesterday);
  }

  /** The date in groups {@code g..g+2}; refused when the calendar has no such day. */
  private static LocalDate date(Matcher m, int g) {
    String text = m.group(g) + "-" + m.group(g + 1) + "-" + m.group(g + 2);
    int year = Integer.parseInt(m.group(g));
    int month = Integer.parseInt(m.group(g + 1));
    int dayOfMonth = Integer.parseInt(m.group(g + 2));
    if (month < 1 || month > 12) throw new Refusal(text + " is not a date: months run from 01 to 12.");
    YearMonth ym = YearMonth.of(year, month);
    if (dayOfMonth < 1 || dayOfMonth > ym.lengthOfMonth()) {
      throw new Refusal(text + " is not a date: " + ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
          + year + " has " + ym.lengthOfMonth() + " days.");
    }
    return ym.atDay(dayOfMonth);
  }

  private static String future(LocalDate day, LocalDate today) {
    return day + " is in the future; the newest day with data is today, " + today + ".";
  }

  private static String unknown(String text, LocalDate today) {
    // Echo a short, inert copy: the sentence may end up in mrkdwn, where <, > and & are markup.
    String echo = text.strip().replaceAll("[<>&`*_~]", "").replaceAll("\\s+", " ");
    if (echo.length() > MAX_ECHO) echo = echo.substring(0, MAX_ECHO) + "…";
    LocalDate y = today.minusDays(1);
    String what = echo.isBlank() ? "That" : "'" + echo + "'";
    return "I can't read " + what + " as a period; try yesterday, today, " + y + ", " + y.minusDays(6) + ".." + y
        + ", last 7 days, 7d, this week or last week.";
  }

  private static PeriodParse ok(Period p) {
    return new PeriodParse.Parsed(p);
  }

  /** A refusal on its way out of the grammar's helpers; its message is the sentence for the user. */
  private static final class Refusal extends RuntimeException {
    Refusal(String sentence) {
      super(sentence, null, false, false);
    }
  }
}
