package com.deskstats.stats;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A whole number of Desk days, {@code from} to {@code to} inclusive, at most {@link #MAX_DAYS}. */
public record Period(LocalDate from, LocalDate to) {

  /** The longest period a report may cover. */
  public static final int MAX_DAYS = 31;

  public Period {
    if (to.isBefore(from)) throw new IllegalArgumentException("period ends before it starts");
  }

  public static Period day(LocalDate day) {
    return new Period(day, day);
  }

  /** Number of days, at least 1. */
  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** Every day of the period, in order. */
  public List<LocalDate> dates() {
    List<LocalDate> out = new ArrayList<>(days());
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) out.add(d);
    return out;
  }

  /** The period of the same length that ends the day before this one starts. */
  public Period previous() {
    return new Period(from.minusDays(days()), from.minusDays(1));
  }

  /** This period moved by whole days (negative: earlier). */
  public Period shift(int days) {
    return new Period(from.plusDays(days), to.plusDays(days));
  }

  /** For people: "Tue 24 Nov 2026" or "1 Nov – 7 Nov 2026". */
  public String label() {
    DateTimeFormatter full = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    if (from.equals(to)) return full.format(from);
    DateTimeFormatter start = from.getYear() == to.getYear()
        ? DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
        : DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    return start.format(from) + " – " + DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(to);
  }

  /** Canonical text that the command grammar parses back to this period: "2026-11-24" or "2026-11-01..2026-11-07". */
  public String token() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }
}
