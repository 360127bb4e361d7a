package com.deskstats.stats;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a report is compared with (SPEC §3) and where each agent stood on its boards then.
 *
 * @param period the comparison days: the same days a week earlier for a period shorter than 7 days, else the
 *     period of the same length just before
 * @param until when the report's period ends today: the clock time (Desk zone) its last day is cut at, so a
 *     partial today is compared with the same part of a day
 * @param satisfactionRanks AgentId → place on the comparison period's satisfaction board
 * @param firstResponseRanks AgentId → place on the comparison period's first response board
 */
public record Comparison(
    Period period,
    Optional<LocalTime> until,
    Map<String, Integer> satisfactionRanks,
    Map<String, Integer> firstResponseRanks) {

  /** Periods this many days or longer are compared with the period just before; shorter ones with a week earlier. */
  public static final int WEEK = 7;

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  public Comparison {
    satisfactionRanks = Map.copyOf(satisfactionRanks);
    firstResponseRanks = Map.copyOf(firstResponseRanks);
  }

  /** The comparison days of {@code period}. */
  public static Period periodOf(Period period) {
    return period.days() < WEEK ? period.shift(-WEEK) : period.previous();
  }

  /**
   * The clock time the comparison's last day is cut at: {@code now} when the period ends {@code today} (its last
   * day is still running), else empty (whole days on both sides).
   */
  public static Optional<LocalTime> cutOf(Period period, LocalDate today, LocalTime now) {
    return period.to().equals(today) ? Optional.of(now.withNano(0)) : Optional.empty();
  }

  /** The comparison of {@code period} with its boards as ranked then. */
  public static Comparison of(Period period, Optional<LocalTime> until, List<Ranked> satisfaction, List<Ranked> firstResponse) {
    return new Comparison(periodOf(period), until, ranks(satisfaction), ranks(firstResponse));
  }

  /** For people: "Sat 21 Nov 2026", "Sat 21 Nov 2026 until 14:05" or "1 Nov – 7 Nov 2026". */
  public String label() {
    return label(Language.EN);
  }

  /** As {@link #label()} in a language: "2026年11月21日 周六（截至 14:05）". */
  public String label(Language language) {
    String days = period.label(language);
    return until.map(t -> Texts.of(language).get("format.until", days, HH_MM.format(t))).orElse(days);
  }

  /** The agent's move on the satisfaction board since the comparison period. */
  public Move satisfactionMove(Ranked now) {
    return move(satisfactionRanks, now);
  }

  /** The agent's move on the first response board since the comparison period. */
  public Move firstResponseMove(Ranked now) {
    return move(firstResponseRanks, now);
  }

  private static Move move(Map<String, Integer> before, Ranked now) {
    Integer then = before.get(now.agent().agentId());
    return then == null ? Move.NEW : new Move(then - now.rank(), false);
  }

  private static Map<String, Integer> ranks(List<Ranked> board) {
    Map<String, Integer> out = new HashMap<>(Math.max(16, board.size() * 2));
    for (Ranked r : board) out.put(r.agent().agentId(), r.rank());
    return out;
  }

  /**
   * A board row's move against the same board of the comparison period.
   *
   * @param places places gained (positive: risen, negative: fallen)
   * @param isNew the agent was not on that board then
   */
  public record Move(int places, boolean isNew) {

    public static final Move NEW = new Move(0, true);

    /** "▲2", "▼1", "=" or "new". */
    public String text() {
      return text(Language.EN);
    }

    /** As {@link #text()} in a language: only "new" has words ("新上榜"). */
    public String text(Language language) {
      if (isNew) return Texts.of(language).get("report.move_new");
      if (places == 0) return "=";
      return (places > 0 ? "▲" : "▼") + Math.abs(places);
    }
  }
}
