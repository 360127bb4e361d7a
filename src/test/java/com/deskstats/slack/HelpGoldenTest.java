package com.deskstats.slack;

import static com.deskstats.testing.Golden.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.SectionBlock;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The help's Block Kit, as the ack of {@code /desk-stats help} carries it, in each language, compared exactly with files
 * under src/test/resources/golden/. After an intended change to the help, regenerate them and review the diff:
 * {@code mvn -o -q test -Dtest=HelpGoldenTest -Dgolden.update=true}
 */
class HelpGoldenTest {

  @Test
  void englishHelpMatchesGolden() throws IOException {
    assertGolden("help-en.json", help(Language.EN));
  }

  @Test
  void chineseHelpMatchesGolden() throws IOException {
    assertGolden("help-zh.json", help(Language.ZH));
  }

  @Test
  void helpFitsOneSectionInEitherLanguage() {
    for (Language l : Language.values()) {
      ReportBlocks.Message m = Replies.mrkdwn(CommandParser.help(Texts.of(l)));
      assertThat(m.blocks()).as("%s", l).hasSize(1).allSatisfy(b -> assertThat(((SectionBlock) b).getText().getText())
          .hasSizeLessThanOrEqualTo(3000).isEqualTo(CommandParser.help(Texts.of(l))));
      assertThat(m.text()).isEqualTo(CommandParser.help(Texts.of(l)));
    }
  }

  private static String help(Language language) {
    return ReportBlocks.toPrettyJson(Replies.mrkdwn(CommandParser.help(Texts.of(language))));
  }
}
