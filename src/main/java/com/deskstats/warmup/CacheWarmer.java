package com.deskstats.warmup;

import com.deskstats.desk.DeskException;
import com.deskstats.stats.CachedDays;
import com.deskstats.stats.Period;
import com.deskstats.stats.ReportService;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the last closed day into the cache, with the days its report is compared with, so that the morning's
 * first {@code /desk-stats yesterday} costs no Desk call.
 */
public final class CacheWarmer {
  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

  private final ReportService reports;
  private final CachedDays days;

  public CacheWarmer(ReportService reports, CachedDays days) {
    this.reports = reports;
    this.days = days;
  }

  /** The day a warm-up now reads: the latest closed day. */
  public LocalDate lastClosedDay() {
    return days.lastClosedDay();
  }

  /** Warms the latest closed day; see {@link #warm(LocalDate)}. */
  public boolean warmLastClosedDay() throws DeskException {
    return warm(lastClosedDay());
  }

  /**
   * Fetches every day a report of {@code day} needs and the cache lacks; the report's own rule says which days.
   *
   * @return false when they were all cached already (no Desk call)
   */
  public boolean warm(LocalDate day) throws DeskException {
    List<LocalDate> missing = reports.daysNeeded(Period.day(day)).stream().filter(d -> !days.cached(d)).toList();
    if (missing.isEmpty()) {
      log.debug("Cache warm-up: the days of {} are cached already", day);
      return false;
    }
    long t0 = System.nanoTime();
    reports.prefetch(missing);
    log.info("Cache warm-up: read {} from Desk in {} ms", missing, (System.nanoTime() - t0) / 1_000_000);
    return true;
  }
}
