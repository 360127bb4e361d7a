package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import com.slack.api.model.block.SectionBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The help's Block Kit, as the ack of {@code /desk-stats help} carries it, in each language, compared exactly with files
 * under src/test/resources/golden/. After an intended change to the help, regenerate them and review the diff:
 * {@code mvn -o -q test -Dtest=HelpGoldenTest -Dgolden.update=true}
 */
class HelpGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/golden");

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

  private static void assertGolden(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
    assertThat(actual + "\n").isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
