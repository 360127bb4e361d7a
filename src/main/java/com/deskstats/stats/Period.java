package com.deskstats.stats;

import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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

  /** For people, in English: "Tue 24 Nov 2026" or "1 Nov – 7 Nov 2026". */
  public String label() {
    return label(Language.EN);
  }

  /** For people: "Tue 24 Nov 2026", "1 Nov – 7 Nov 2026"; "2026年11月24日 周二", "2026年11月1日至11月7日". */
  public String label(Language language) {
    return Formats.of(language).days(from, to);
  }

  /** Canonical text that the command grammar parses back to this period: "2026-11-24" or "2026-11-01..2026-11-07". */
  public String token() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }
}
