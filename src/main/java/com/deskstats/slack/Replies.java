package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;

/** Short mrkdwn replies the app writes itself (usage, refusals, digest answers), within Slack's limits. */
final class Replies {
  private Replies() {}

  static final String GENERIC_FAILURE = genericFailure(Language.EN);
  static final String BUSY = busy(Language.EN);

  /** "Something went wrong on my side…", in the reader's language. */
  static String genericFailure(Language lang) {
    return Texts.of(lang).get("answers.generic_failure");
  }

  /** "I'm busy with other reports right now…", in the reader's language. */
  static String busy(Language lang) {
    return Texts.of(lang).get("answers.busy");
  }

  private static final int SECTION_LIMIT = 3000;
  private static final int TEXT_LIMIT = 3900;

  /** Trusted mrkdwn (already escaped where it holds user or Desk text) as a message of one or more sections. */
  static ReportBlocks.Message mrkdwn(String mrkdwn) {
    String text = mrkdwn == null || mrkdwn.isBlank() ? GENERIC_FAILURE : mrkdwn;
    List<LayoutBlock> blocks = new ArrayList<>();
    String rest = text;
    while (!rest.isEmpty() && blocks.size() < 45) {
      int cut = Math.min(rest.length(), SECTION_LIMIT);
      if (cut < rest.length()) {
        int nl = rest.lastIndexOf('\n', cut);
        if (nl > SECTION_LIMIT / 2) cut = nl;
      }
      String part = rest.substring(0, cut);
      blocks.add(section(s -> s.text(markdownText(part))));
      rest = rest.substring(cut).stripLeading();
    }
    String fallback = text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text;
    return new ReportBlocks.Message(fallback, blocks);
  }
}
