package com.deskstats.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One metric of one agent day by day (SPEC §4): a value per day, empty for a day without data.
 *
 * @param from the first day
 * @param values one per day from {@code from} on, in order
 */
public record Trend(LocalDate from, List<OptionalDouble> values) {

  /** The characters from a line's lowest day to its highest. */
  static final String LEVELS = "▁▂▃▄▅▆▇█";
  /** Every day of a flat line (all days with data equal). */
  static final char FLAT = '▄';

  public Trend {
    values = List.copyOf(values);
  }

  /** The last day. */
  public LocalDate to() {
    return from.plusDays(Math.max(0, values.size() - 1));
  }

  /** One character a day, see {@link #sparkline(List)}. */
  public String line() {
    return sparkline(values);
  }

  /**
   * One character per value: a space for an empty one; the others scaled linearly from the line's own lowest
   * ({@code ▁}) to its highest ({@code █}); all {@code ▄} when every value is the same.
   */
  public static String sparkline(List<OptionalDouble> values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (OptionalDouble v : values) {
      if (v.isEmpty()) continue;
      min = Math.min(min, v.getAsDouble());
      max = Math.max(max, v.getAsDouble());
    }
    StringBuilder s = new StringBuilder(values.size());
    int top = LEVELS.length() - 1;
    for (OptionalDouble v : values) {
      if (v.isEmpty()) s.append(' ');
      else if (max <= min) s.append(FLAT);
      else s.append(LEVELS.charAt((int) Math.round((v.getAsDouble() - min) / (max - min) * top)));
    }
    return s.toString();
  }

  /** The days of {@code values}, for building. */
  static List<OptionalDouble> empty(int days) {
    List<OptionalDouble> out = new ArrayList<>(days);
    for (int i = 0; i < days; i++) out.add(OptionalDouble.empty());
    return out;
  }
}
