package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeSlack;
import com.deskstats.text.Language;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The groups and links commands, export and the Home tab answer in the asker's (or viewer's) Slack locale. */
class AskerLanguageSurfacesHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  SlackHarness h;

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  String run(String text, String user) throws InterruptedException {
    String id = h.nextId();
    h.command(text, user, "C1", id);
    return h.responses.await(id, WAIT).text();
  }

  @Test
  void groupAndLinkAnswersAreInTheAskersLanguage() throws Exception {
    h = SlackHarness.stored(null, Set.of("UBOTADMIN"), Set.of(), Ticker.systemTicker(), Language.EN);
    h.slack.locale("UBOTADMIN", "zh-CN").locale("U1", "zh-CN").locale("UEN", "en-US");
    assertThat(run("groups", "U1")).isEqualTo("目前还没有任何分组；管理员可以用 `/desk-stats group set NAME AgentId…` 创建。");
    assertThat(run("group set tier1 alice@example.com ghost@example.com", "UBOTADMIN"))
        .isEqualTo("已创建分组 `tier1`，包含 2 名客服：alice@example.com、ghost@example.com。");
    assertThat(run("group add tier9 x", "UBOTADMIN"))
        .isEqualTo("没有名为 `tier9` 的分组；可以用 `/desk-stats group set tier9 AgentId…` 创建；现有分组：`tier1`。");
    assertThat(run("group set tier1 a", "U1"))
        .isEqualTo("只有工作区管理员和所有者，以及 BOT_ADMINS 中的机器人管理员可以修改分组和关联；请联系他们。");
    // The fake Desk saw alice in the last 30 days, not ghost.
    assertThat(run("groups", "U1")).isEqualTo(
        "*分组*\n• `tier1`：alice@example.com、ghost@example.com _（最近 30 天未出现）_");
    assertThat(run("groups", "UEN")).isEqualTo(
        "*Groups*\n• `tier1`: alice@example.com, ghost@example.com _(not seen in the last 30 days)_");
    assertThat(run("link <@U2> bob@example.com", "UBOTADMIN"))
        .isEqualTo("已将 <@U2> 关联到 `bob@example.com`；`me` 和 @ 提及现在会使用它。");
    assertThat(run("links", "U1")).isEqualTo("*关联*\n• <@U2> → `bob@example.com` _（由 <@UBOTADMIN> 设置）_");
    assertThat(run("unlink <@U3>", "UBOTADMIN")).isEqualTo("<@U3> 没有关联。");
  }

  @Test
  void theExportAnswerIsInTheAskersLanguage() throws Exception {
    h = SlackHarness.speaking(Language.EN);
    h.slack.locale("U42", "zh-CN");
    assertThat(run("export last 7 days", "U42")).isEqualTo("已将 `desk-stats-2026-11-18..2026-11-24.csv`（团队 3 名客服，"
        + "2026年11月18日至11月24日）发送到你与机器人的私信。");
    FakeSlack.Call complete = h.slack.awaitCall("files.completeUploadExternal", WAIT);
    assertThat(complete.param("files")).contains("Desk 客服数据 CSV，2026年11月18日至11月24日");
  }

  @Test
  void theHomeTabIsInTheViewersLanguage() throws Exception {
    h = SlackHarness.stored(null, Set.of(), Set.of("ULEAD"), Ticker.systemTicker(), Language.EN);
    h.slack.locale("UZH", "zh-CN");
    h.event(SlackHarness.homeOpened("UZH"));
    FakeSlack.Call publish = h.slack.awaitCall("views.publish", WAIT);
    assertThat(publish.param("user_id")).isEqualTo("UZH");
    assertThat(publish.param("view")).contains("团队数据仅对 BOT_VIEWERS 中的成员和管理员开放")
        .doesNotContain("Team numbers are for");
    assertThat(h.slack.localeLookups()).singleElement().satisfies(c -> assertThat(c.param("user")).isEqualTo("UZH"));
  }
}
