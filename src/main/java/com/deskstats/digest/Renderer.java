package com.deskstats.digest;

import com.deskstats.stats.Report;
import com.deskstats.text.Language;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Turns a report into the digest message and its chart: Main wires it to {@code slack.ReportBlocks}
 * (buttons off, not ephemeral) and {@code stats.Chart}.
 */
@FunctionalInterface
public interface Renderer {

  /**
   * @param today the Desk day when the digest is made; @param now the time it is made; @param language the
   *     subscription's language (its {@code lang}, else BOT_LANGUAGE)
   */
  Rendered render(Report report, LocalDate today, Instant now, Language language);

  /**
   * A rendered digest.
   *
   * @param text the plain-text fallback
   * @param chartPng the leaderboard chart, or an empty array for none
   */
  record Rendered(String text, List<LayoutBlock> blocks, byte[] chartPng) {}
}
