package com.deskstats.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import org.junit.jupiter.api.Test;

/** A Slack failure reads as one sentence in the reader's language, English as before. */
class SlackFailureTest {

  @Test
  void aFailureIsOneSentenceInEnglishAsBeforeAndInChinese() {
    SlackFailure notIn = new SlackFailure("not_in_channel", true, 1, null);
    SlackFailure limited = new SlackFailure("ratelimited", false, 5, null);
    Texts zh = Texts.of(Language.ZH);

    assertThat(notIn.sentence("C1")).isEqualTo("The bot is not in <#C1> (not_in_channel): invite it with /invite @desk-stats.");
    assertThat(notIn.sentence("C1", zh)).isEqualTo("机器人不在 <#C1> 中（not_in_channel）：请用 /invite @desk-stats 邀请它。");
    assertThat(limited.sentence("C1")).isEqualTo("Slack kept rate-limiting the bot after 5 attempts (ratelimited).");
    assertThat(limited.sentence("C1", zh)).isEqualTo("已尝试 5 次，Slack 仍在限流（ratelimited）。");
    assertThat(new SlackFailure("invalid_auth", true, 1, null).sentence("C1", zh))
        .isEqualTo("Slack 拒绝了机器人令牌（invalid_auth）：请检查 SLACK_BOT_TOKEN。");
  }
}
