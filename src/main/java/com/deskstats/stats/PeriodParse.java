package com.deskstats.stats;

/** What {@code PeriodParser.parse} makes of a text: a period, or one sentence saying what is wrong. */
public sealed interface PeriodParse {

  /** The text named a valid period. */
  record Parsed(Period period) implements PeriodParse {}

  /** The text is not a period a report can cover; {@code sentence} says why, for the user. */
  record Invalid(String sentence) implements PeriodParse {}
}
