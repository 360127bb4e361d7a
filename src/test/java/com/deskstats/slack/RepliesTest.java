package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.SlackLimits;
import com.slack.api.model.block.SectionBlock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RepliesTest {

  static List<String> sections(ReportBlocks.Message m) {
    return m.blocks().stream().map(b -> ((SectionBlock) b).getText().getText()).toList();
  }

  @Test
  void longListIsSplitBetweenLinesIntoSectionsWithinSlacksLimits() {
    // A long subscription list: 200 lines of about 60 characters.
    String list = IntStream.range(0, 200).mapToObj(i -> "• <#C" + (1000 + i) + "> at 09:00 Asia/Shanghai, last posted yesterday")
        .collect(Collectors.joining("\n"));
    ReportBlocks.Message m = Replies.mrkdwn(list);
    List<String> parts = sections(m);
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts).allSatisfy(p -> {
      assertThat(p.length()).isLessThanOrEqualTo(3000);
      assertThat(p).startsWith("• <#C").endsWith("yesterday"); // cut between lines, never inside one
    });
    assertThat(String.join("\n", parts)).isEqualTo(list);
    assertThat(m.text().length()).isLessThanOrEqualTo(4000);
  }

  @Test
  void anyLengthStaysWithinFiftyBlocks() {
    ReportBlocks.Message m = Replies.mrkdwn("x".repeat(500_000));
    assertThat(m.blocks().size()).isLessThanOrEqualTo(50);
    assertThat(SlackLimits.violations(ReportBlocks.toJson(m))).isEmpty();
  }

  @Test
  void blankIsTheGenericSentence() {
    assertThat(Replies.mrkdwn(" ").text()).isEqualTo(Replies.GENERIC_FAILURE);
    assertThat(Replies.mrkdwn(null).text()).isEqualTo(Replies.GENERIC_FAILURE);
  }
}
