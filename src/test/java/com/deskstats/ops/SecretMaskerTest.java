package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  static final String DESK_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

  @Test
  void slackTokensKeepTheirKindAndLoseTheirValue() {
    String line = "auth with xoxb-1234-5678-AbCdEf, user xoxp-11-22-33-ff, app xapp-1-A0B1-123-abcdef and xoxe.xoxp-1-Mi0yLTE";

    String masked = SecretMasker.mask(line);

    assertThat(masked).isEqualTo("auth with xoxb-***, user xoxp-***, app xapp-*** and xoxe.xoxp-***")
        .doesNotContain("AbCdEf").doesNotContain("abcdef").doesNotContain("Mi0yLTE");
  }

  @Test
  void userSigInAUrlIsRedactedAndTheRestOfTheUrlKept() {
    String url = "POST https://console.tim.qq.com/v4/desk_http_svc/describe_agent_statistics?sdkappid=1400000000"
        + "&identifier=administrator&usersig=eJwtzEELgjAYBuC*8p1D2tyaKXgQ-_1a&random=42&contenttype=json";

    String masked = SecretMasker.mask(url);

    assertThat(masked).contains("usersig=***&random=42").contains("sdkappid=1400000000").doesNotContain("eJwtzEEL");
  }

  @Test
  void deskSecretKeyAndSigningSecretAreRedacted() {
    assertThat(SecretMasker.mask("key " + DESK_KEY + " end")).isEqualTo("key *** end");
    assertThat(SecretMasker.mask("signing 8f742231b10e8888abcd99yyyzzz85a5")).contains("8f742231b10e8888abcd99yyyzzz85a5");
    assertThat(SecretMasker.mask("signing 8f742231b10e8888abcd99aaaeee85a5")).isEqualTo("signing ***");
  }

  @Test
  void keyedSecretsAndBearerTokensAreRedacted() {
    assertThat(SecretMasker.mask("jdbc:postgresql://db:5432/desk?user=bot&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/desk?user=bot&password=***&ssl=true");
    assertThat(SecretMasker.mask("{\"token\": \"abc.def\", \"ok\": true}")).isEqualTo("{\"token\": \"***\", \"ok\": true}");
    assertThat(SecretMasker.mask("Authorization: Bearer abc.DEF-123")).isEqualTo("Authorization: Bearer ***");
    assertThat(SecretMasker.mask("DESK_SECRET_KEY=mysecret")).isEqualTo("DESK_SECRET_KEY=***");
    // As the JSON log format writes them: the escaped quotes survive, so the line stays valid JSON.
    assertThat(SecretMasker.mask("{\\\"token\\\": \\\"abc\\\"}")).isEqualTo("{\\\"token\\\": \\\"***\\\"}");
  }

  @Test
  void aLongOpaqueCredentialIsRedacted() {
    String sig = "eJyrVgrxCdYrSy1SslIy0lEqSy1SslIyNDAwMTEwNDUyNjU2NTM2NTAwBYqkmJoY" + "A".repeat(60) + "*-_";
    assertThat(SecretMasker.mask("sig " + sig)).isEqualTo("sig ***");
  }

  @Test
  void ordinaryLinesAreLeftAlone() {
    String line = "command=report period=2026-11-24..2026-11-24 outcome=ok ms=420 agents=37 token_revoked=false request_id=ab12cd34ef56";
    assertThat(SecretMasker.mask(line)).isSameAs(line);
    assertThat(SecretMasker.mask("SLACK_BOT_TOKEN must be a bot token starting with xoxb-.")).isEqualTo(
        "SLACK_BOT_TOKEN must be a bot token starting with xoxb-.");
    assertThat(SecretMasker.mask(null)).isNull();
    assertThat(SecretMasker.mask("")).isEmpty();
  }
}
