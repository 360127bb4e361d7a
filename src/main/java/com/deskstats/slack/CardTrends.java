package com.deskstats.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.deskstats.slack.ReportBlocks.Options;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.AgentTrends;
import com.deskstats.stats.Trend;
import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.LayoutBlock;

/** The agent card's trend lines (SPEC §4): one line per headline metric, its first and last day named. */
public final class CardTrends {
  private CardTrends() {}

  /** The lines as plain text, one per metric: "Sessions  16 Nov ▁▂▃ ▅▆▇█ 29 Nov". */
  public static String text(AgentTrends t) {
    return text(t, Language.EN);
  }

  /** As {@link #text(AgentTrends)} in a language: "会话  11月16日 ▁▂▃ ▅▆▇█ 11月29日". */
  public static String text(AgentTrends t, Language language) {
    Texts x = Texts.of(language);
    Formats f = x.formats();
    return line(x.get("report.label.sessions"), t.sessions(), "", f) + "\n"
        + line(x.get("report.label.satisfaction"), t.satisfaction(), "", f)
        + "\n" + line(x.get("report.label.first_response"), t.firstResponse(), "", f);
  }

  /** The card's trend section: a heading and one line per metric, each line in code so its spaces stay. */
  static java.util.Optional<LayoutBlock> section(AgentCard c, Options o) {
    AgentTrends t = c.trends();
    if (t == null || t.sessions().values().isEmpty()) return java.util.Optional.empty();
    Texts x = o.texts();
    Formats f = o.formats();
    String text = x.get("report.trends.heading", AgentTrends.DAYS) + "\n"
        + line("*" + x.get("report.label.sessions") + "*", t.sessions(), "`", f) + "\n"
        + line("*" + x.get("report.label.satisfaction") + "*", t.satisfaction(), "`", f) + "\n"
        + line("*" + x.get("report.label.first_response") + "*", t.firstResponse(), "`", f) + "  "
        + x.get("report.trends.lower_is_faster");
    return java.util.Optional.of(com.slack.api.model.block.Blocks.section(s -> s.text(markdownText(text))));
  }

  private static String line(String label, Trend t, String quote, Formats f) {
    return label + "  " + f.dayMonth(t.from()) + " " + quote + t.line() + quote + " " + f.dayMonth(t.to());
  }
}
