package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnTest {

  @Test
  void escapesTheThreeControlCharacters() {
    assertThat(Mrkdwn.escape("a & b < c > d")).isEqualTo("a &amp; b &lt; c &gt; d");
  }

  @Test
  void channelMentionCannotPing() {
    assertThat(Mrkdwn.escape("<!channel>")).isEqualTo("&lt;!channel&gt;");
    assertThat(Mrkdwn.escape("<!here|here> <!everyone>")).isEqualTo("&lt;!here|here&gt; &lt;!everyone&gt;");
  }

  @Test
  void userMentionCannotPing() {
    assertThat(Mrkdwn.escape("<@U1>")).isEqualTo("&lt;@U1&gt;");
    assertThat(Mrkdwn.escape("<#C1|general>")).isEqualTo("&lt;#C1|general&gt;");
  }

  @Test
  void ampersandIsEscapedOnceEvenWhenItLooksLikeAnEntity() {
    assertThat(Mrkdwn.escape("&amp; &lt;")).isEqualTo("&amp;amp; &amp;lt;");
  }

  @Test
  void mixedTextKeepsEverythingElse() {
    assertThat(Mrkdwn.escape("李娜 <b>&</b> 🚀")).isEqualTo("李娜 &lt;b&gt;&amp;&lt;/b&gt; 🚀");
    assertThat(Mrkdwn.escape("plain")).isEqualTo("plain");
    assertThat(Mrkdwn.escape(null)).isEmpty();
  }

  @Test
  void nameNeutralisesFormattingLineBreaksAndBroadcasts() {
    String n = Mrkdwn.name("*bold* _it_ ~s~ `c`\n2. Fake line @channel @Here", 200);
    assertThat(n).doesNotContain("*", "_", "~", "`", "\n");
    assertThat(n).doesNotContainPattern("(?i)@(channel|here)");
    assertThat(n).contains("∗bold∗", "@\u2060channel", "@\u2060Here");
  }

  @Test
  void nameDropsBidiOverridesAndEscapes() {
    assertThat(Mrkdwn.name("\u202Eevil<!channel>", 50)).isEqualTo("evil&lt;!channel&gt;");
  }

  @Test
  void truncateCountsCodePointsAndNeverSplitsASurrogatePair() {
    String rockets = "🚀".repeat(10);
    String cut = Mrkdwn.truncate(rockets, 4);
    assertThat(cut).isEqualTo("🚀🚀🚀…");
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(4);
    assertThat(Mrkdwn.truncate("李娜", 2)).isEqualTo("李娜");
    assertThat(Mrkdwn.truncate("abc", 0)).isEmpty();
  }

  @Test
  void codeSpanKeepsUnderscoresButNotBackticks() {
    assertThat(Mrkdwn.code("li_na@x.com", 80)).isEqualTo("`li_na@x.com`");
    assertThat(Mrkdwn.code("a`b<c>", 80)).isEqualTo("`a\u02CBb&lt;c&gt;`");
  }
}
