package com.deskstats.stats;

import com.deskstats.text.Text;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the period grammar of SPEC §4, in its English and Chinese forms, relative to a given Desk day; every text maps
 * to a period or one sentence.
 */
public final class PeriodParser {

  /** The accepted periods, for usage help. */
  public static final String GRAMMAR =
      "yesterday (the default), today, a day (2026-11-24), a range (2026-11-01..2026-11-07), "
          + "last N days or Nd (the N days ending yesterday), this week (Monday to today) or last week "
          + "(Monday to Sunday); at most " + Period.MAX_DAYS + " days, none in the future.";

  private static final String DATE = "(\\d{4})-(\\d{2})-(\\d{2})";
  private static final Pattern DAY = Pattern.compile(DATE);
  // "..", an en or em dash, "至", a spaced hyphen, or "to" between two dates.
  private static final Pattern RANGE =
      Pattern.compile(DATE + "(?:\\s*(?:\\.\\.|–|—|至)\\s*|\\s+-\\s+|\\s+to\\s+)" + DATE);
  // "last N days", "Nd", and the Chinese "最近N天" and "N天".
  private static final Pattern LAST_N =
      Pattern.compile("(?:last\\s+(\\d+)\\s+days?|最近\\s*(\\d+)\\s*天|(\\d+)\\s*(?:d|天))");
  // Unicode-aware so a no-break space pasted from a chat client counts as a space.
  private static final Pattern SPACES = Pattern.compile("(?U)\\s+");
  private static final int MAX_ECHO = 40;

  private PeriodParser() {}

  /**
   * The period a text names, resolved against {@code today} (today in the Desk time zone), in English or Chinese.
   * Blank means yesterday. Never throws: anything that is not an acceptable period is an {@link PeriodParse.Invalid}.
   */
  public static PeriodParse parse(String text, LocalDate today) {
    // NFKC reads a Chinese keyboard's full-width digits and letters (最近７天) as the ASCII ones.
    String t = text == null ? ""
        : SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    LocalDate yesterday = today.minusDays(1);
    switch (t) {
      case "", "yesterday", "昨天":
        return ok(Period.day(yesterday));
      case "today", "今天":
        return ok(Period.day(today));
      case "this week", "本周":
        return ok(new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today));
      case "last week", "上周": {
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
      if (m.matches()) {
        return ok(lastN(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3), yesterday));
      }
    } catch (Refusal r) {
      return new PeriodParse.Invalid(r.text);
    }
    return new PeriodParse.Invalid(unknown(text, today));
  }

  private static Period day(LocalDate day, LocalDate today) {
    if (day.isAfter(today)) throw new Refusal(future(day, today));
    return Period.day(day);
  }

  private static Period range(LocalDate from, LocalDate to, LocalDate today) {
    if (to.isBefore(from)) throw new Refusal(Text.of("grammar.period.ends_before_start", iso(from), iso(to)));
    if (to.isAfter(today)) throw new Refusal(future(to, today));
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > Period.MAX_DAYS) {
      throw new Refusal(Text.of("grammar.period.range_too_long", iso(from), iso(to), String.valueOf(days),
          String.valueOf(Period.MAX_DAYS)));
    }
    return new Period(from, to);
  }

  private static Period lastN(String digits, LocalDate yesterday) {
    String n = digits.replaceFirst("^0+(?=\\d)", "");
    if (n.equals("0")) throw new Refusal(Text.of("grammar.period.no_days"));
    if (n.length() > 3 || Integer.parseInt(n) > Period.MAX_DAYS) {
      throw new Refusal(Text.of("grammar.period.last_n_too_long", n, String.valueOf(Period.MAX_DAYS)));
    }
    return new Period(yesterday.minusDays(Integer.parseInt(n) - 1L), yesterday);
  }

  /** The date in groups {@code g..g+2}; refused when the calendar has no such day. */
  private static LocalDate date(Matcher m, int g) {
    String text = m.group(g) + "-" + m.group(g + 1) + "-" + m.group(g + 2);
    int year = Integer.parseInt(m.group(g));
    int month = Integer.parseInt(m.group(g + 1));
    int dayOfMonth = Integer.parseInt(m.group(g + 2));
    if (month < 1 || month > 12) throw new Refusal(Text.of("grammar.period.no_such_month", text));
    YearMonth ym = YearMonth.of(year, month);
    if (dayOfMonth < 1 || dayOfMonth > ym.lengthOfMonth()) {
      // MessageFormat writes the month in the reader's language ("February 2026", "2026年2月"), in the default zone:
      // mid-month keeps it the same month even if that zone changes before the sentence is rendered.
      Date midMonth = Date.from(ym.atDay(15).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant());
      throw new Refusal(Text.of("grammar.period.no_such_day", text, midMonth, String.valueOf(ym.lengthOfMonth())));
    }
    return ym.atDay(dayOfMonth);
  }

  private static Text future(LocalDate day, LocalDate today) {
    return Text.of("grammar.period.future", iso(day), iso(today));
  }

  private static Text unknown(String text, LocalDate today) {
    // Echo a short, inert copy: the sentence may end up in mrkdwn, where <, > and & are markup.
    String echo = text.strip().replaceAll("[<>&`*_~]", "").replaceAll("\\s+", " ");
    if (echo.length() > MAX_ECHO) echo = echo.substring(0, MAX_ECHO) + "…";
    LocalDate y = today.minusDays(1);
    return echo.isBlank()
        ? Text.of("grammar.period.unknown_blank", iso(y), iso(y.minusDays(6)))
        : Text.of("grammar.period.unknown", echo, iso(y), iso(y.minusDays(6)));
  }

  /** A date as the grammar writes it, 2026-11-24 (a String, so MessageFormat leaves it alone). */
  private static String iso(LocalDate day) {
    return day.toString();
  }

  private static PeriodParse ok(Period p) {
    return new PeriodParse.Parsed(p);
  }

  /** A refusal on its way out of the grammar's helpers; its text is the sentence for the user. */
  private static final class Refusal extends RuntimeException {
    final transient Text text;

    Refusal(Text text) {
      super(text.key(), null, false, false);
      this.text = text;
    }
  }
}
