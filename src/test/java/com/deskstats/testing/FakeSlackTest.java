package com.deskstats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSlackTest {

  private final FakeSlack slack = new FakeSlack();
  private final MethodsClient client;

  FakeSlackTest() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    client = Slack.getInstance(config).methods("xoxb-0000-1111-fake");
  }

  @AfterEach
  void close() {
    slack.close();
  }

  @Test
  void answersTheRealClientAndRecordsParams() throws Exception {
    slack.user("U1", "ann@example.com", true, false);
    assertThat(client.authTest(r -> r).getUserId()).isEqualTo("U0BOT");
    var info = client.usersInfo(r -> r.user("U1"));
    assertThat(info.getUser().getProfile().getEmail()).isEqualTo("ann@example.com");
    assertThat(info.getUser().isAdmin()).isTrue();
    assertThat(client.usersInfo(r -> r.user("U404")).getError()).isEqualTo("user_not_found");

    var posted = client.chatPostMessage(r -> r.channel("C1").text("hi")
        .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*hi*"))))));
    assertThat(posted.isOk()).isTrue();
    FakeSlack.Call call = slack.awaitCall("chat.postMessage", Duration.ofSeconds(2));
    assertThat(call.param("channel")).isEqualTo("C1");
    assertThat(call.json("blocks").getAsJsonArray()).hasSize(1);
    assertThat(call.authorization()).isEqualTo("Bearer xoxb-0000-1111-fake");

    var home = client.viewsPublish(r -> r.userId("U1").view(View.builder().type("home")
        .blocks(List.of(Blocks.divider())).build()));
    assertThat(home.isOk()).isTrue();
    assertThat(slack.calls("views.publish").get(0).json("view").getAsJsonObject().get("type").getAsString()).isEqualTo("home");
  }

  @Test
  void externalUploadFlowWorksEndToEnd() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    var resp = client.filesUploadV2(r -> r.channel("C1").filename("chart.png").title("Chart").fileData(png));
    assertThat(resp.isOk()).as(resp.getError()).isTrue();
    assertThat(slack.calls("files.getUploadURLExternal")).hasSize(1);
    assertThat(slack.calls("upload").get(0).bodyBytes()).contains(png);
    FakeSlack.Call complete = slack.calls("files.completeUploadExternal").get(0);
    assertThat(complete.param("channel_id")).isEqualTo("C1");
  }

  @Test
  void queuedErrorsAndRateLimitsAreAnsweredThenCleared() throws Exception {
    slack.failNext("chat.postMessage", "channel_not_found", 1).rateLimitNext("chat.update", 7, 1);
    assertThat(client.chatPostMessage(r -> r.channel("C1").text("x")).getError()).isEqualTo("channel_not_found");
    assertThat(client.chatPostMessage(r -> r.channel("C1").text("x")).isOk()).isTrue();
    SlackApiException e = Assertions.catchThrowableOfType(SlackApiException.class,
        () -> client.chatUpdate(r -> r.channel("C1").ts("1.1").text("x")));
    assertThat(e.getResponse().code()).isEqualTo(429);
    assertThat(e.getResponse().header("Retry-After")).isEqualTo("7");
    assertThat(client.chatUpdate(r -> r.channel("C1").ts("1.1").text("x")).isOk()).isTrue();
  }

  @Test
  void aDroppedCallIsRecordedAndTheClientSeesAnIoErrorThenTheNextCallIsAnswered() throws Exception {
    slack.dropNext("chat.postMessage", 1);
    MethodsClient fresh = slack.methods("xoxb-0000-1111-fake");

    Assertions.assertThatThrownBy(() -> fresh.chatPostMessage(r -> r.channel("C1").text("x")))
        .isInstanceOf(java.io.IOException.class);
    assertThat(fresh.chatPostMessage(r -> r.channel("C1").text("y")).isOk()).isTrue();
    assertThat(slack.calls("chat.postMessage")).extracting(FakeSlack.Call::status).containsExactly(0, 200);
    assertThat(slack.calls("chat.postMessage").get(0).ok()).isFalse();
  }

  @Test
  void anEmptyAnswerReachesTheClientAsAnUnreadableResponseThenTheNextCallIsAnswered() throws Exception {
    slack.emptyAnswerNext("chat.postMessage", 1);

    Assertions.assertThatThrownBy(() -> client.chatPostMessage(r -> r.channel("C1").text("x")))
        .isInstanceOf(RuntimeException.class);
    assertThat(client.chatPostMessage(r -> r.channel("C1").text("y")).isOk()).isTrue();
    assertThat(slack.calls("chat.postMessage")).extracting(FakeSlack.Call::status, FakeSlack.Call::ok)
        .containsExactly(Assertions.tuple(200, false), Assertions.tuple(200, true));
  }

  @Test
  void signerMatchesSlacksDocumentedVector() {
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    assertThat(SlackSigner.signature("8f742231b10e8888abcd99yyyzzz85a5", 1531420618L, body))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }
}
