package com.deskstats.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Trend;
import com.slack.api.model.block.LayoutBlock;

/** The agent card's trend lines (SPEC §4): one line per headline metric, its first and last day named. */
public final class CardTrends {
  private CardTrends() {}

  /** The lines as plain text, one per metric: "Sessions  16 Nov ▁▂▃ ▅▆▇█ 29 Nov". */
  public static String text(AgentTrends t) {
    return line("Sessions", t.sessions(), "") + "\n" + line("Satisfaction", t.satisfaction(), "")
        + "\n" + line("First response", t.firstResponse(), "");
  }

  /** The card's trend section: a heading and one line per metric, each line in code so its spaces stay. */
  static java.util.Optional<LayoutBlock> section(AgentCard c) {
    AgentTrends t = c.trends();
    if (t == null || t.sessions().values().isEmpty()) return java.util.Optional.empty();
    String text = "*Last " + AgentTrends.DAYS + " days*  _one character a day, lowest ▁ to highest █, blank: no data_\n"
        + line("*Sessions*", t.sessions(), "`") + "\n" + line("*Satisfaction*", t.satisfaction(), "`")
        + "\n" + line("*First response*", t.firstResponse(), "`") + "  _lower is faster_";
    return java.util.Optional.of(com.slack.api.model.block.Blocks.section(s -> s.text(markdownText(text))));
  }

  private static String line(String label, Trend t, String quote) {
    return label + "  " + ReportFormat.dayMonth(t.from()) + " " + quote + t.line() + quote + " "
        + ReportFormat.dayMonth(t.to());
  }
}
