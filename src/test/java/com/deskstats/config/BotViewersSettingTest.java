package com.deskstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** BOT_VIEWERS (SPEC §9): user ids and user group ids, comma-separated; anything else stops start-up in one line. */
class BotViewersSettingTest {

  @Test
  void unsetMeansEveryone() {
    assertThat(Settings.load(Map.of()).botViewers()).isEmpty();
  }

  @Test
  void userAndUserGroupIdsAreRead() {
    assertThat(Settings.load(Map.of("BOT_VIEWERS", " U01AB, W22CD,S0LEADS ,,")).botViewers())
        .containsExactly("U01AB", "W22CD", "S0LEADS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "U1,@bob", "C0CHANNEL", "u01ab", "S"})
  void aMalformedIdIsOneLineNamingTheVariable(String value) {
    assertThatThrownBy(() -> Settings.load(Map.of("BOT_VIEWERS", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BOT_VIEWERS must be Slack user ids")
        .hasMessageNotContaining("\n");
  }
}
