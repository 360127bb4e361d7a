package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * BOT_VIEWERS on every surface, over signed HTTP: slash commands, buttons (checked against who pressed), App Home.
 * UVIEW is named, members of SLEADS and admins may see; UAGENT (alice@example.com) may see only her own card.
 */
class ViewersHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  final SlackHarness h = SlackHarness.stored(null, Set.of("UBOTADMIN"), Set.of("UVIEW", "SLEADS"), Ticker.systemTicker());

  ViewersHttpTest() {
    h.slack.userGroup("SLEADS", "ULEAD")
        .user("UVIEW", "view@example.com").user("ULEAD", "bob@example.com")
        .user("UADMIN", "admin@example.com", true, false).user("UAGENT", "alice@example.com");
  }

  @AfterEach
  void close() {
    h.close();
  }

  Posted run(String text, String user) throws InterruptedException {
    String id = h.nextId();
    h.command(text, user, "C1", id);
    return h.responses.await(id, WAIT);
  }

  Posted press(String actionId, String value, String user, boolean ephemeral) throws InterruptedException {
    String id = h.nextId();
    h.send(h.signer.form(h.events(), h.actionBody(actionId, value, user, "C1", ephemeral, id)));
    return h.responses.await(id, WAIT);
  }

  @Test
  void aNonViewerIsRefusedTeamReportsOtherCardsAndPublicPostsInOneSentenceWithoutADeskCall() throws Exception {
    for (String text : List.of("yesterday", "last 7 days group tier1", "agent bob@example.com", "agent <@ULEAD>",
        "agent me public")) {
      Posted p = run(text, "UAGENT");
      assertThat(p.responseType()).as(text).isEqualTo("ephemeral");
      assertThat(p.text()).as(text).isEqualTo(Access.REFUSAL);
    }
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.metrics.scrape()).contains("command=\"report\",outcome=\"refused\"");
  }

  @Test
  void aNonViewerMaySeeTheirOwnCard() throws Exception {
    assertThat(run("agent me", "UAGENT").text()).contains("Alice");
    assertThat(run("agent <@UAGENT> last 7 days", "UAGENT").text()).contains("Alice");
    assertThat(h.reports.calls).containsExactly("card alice@example.com 2026-11-24",
        "card alice@example.com 2026-11-18..2026-11-24");
    assertThat(h.slack.calls("usergroups.users.list")).isEmpty();
  }

  @Test
  void namedViewersGroupMembersAndAdminsSeeTeamReports() throws Exception {
    for (String user : List.of("UVIEW", "ULEAD", "UADMIN", "UBOTADMIN")) {
      assertThat(run("yesterday public", user).responseType()).as(user).isEqualTo("in_channel");
    }
    assertThat(h.reports.calls).hasSize(4);
    assertThat(h.slack.calls("usergroups.users.list")).hasSize(1);
  }

  @Test
  void whenSlackCannotSayTheUserIsAskedToTryAgainAndDeskIsNotCalled() throws Exception {
    h.slack.failNext("usergroups.users.list", "ratelimited", 1);
    assertThat(run("yesterday", "ULEAD").text()).isEqualTo(Access.UNKNOWN);
    assertThat(h.reports.calls).isEmpty();
  }

  @Test
  void aNonViewerPressingAButtonOnAReportSomeoneElseSharedIsRefusedAloneAndTheReportStays() throws Exception {
    Posted p = press(ReportBlocks.ACTION_PREV, "2026-11-23", "UAGENT", false);
    assertThat(p.text()).isEqualTo(Access.REFUSAL);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.replaceOriginal()).isFalse();
    assertThat(press(ReportBlocks.ACTION_NEXT, "agent bob@example.com 2026-11-24", "UAGENT", false).text())
        .isEqualTo(Access.REFUSAL);
    assertThat(h.reports.calls).isEmpty();
    // The same button pressed by a viewer works.
    assertThat(press(ReportBlocks.ACTION_PREV, "2026-11-23", "ULEAD", false).replaceOriginal()).isTrue();
    assertThat(h.reports.calls).containsExactly("report 2026-11-23");
  }

  @Test
  void aNonViewerMayPageThroughTheirOwnCardButNotPostIt() throws Exception {
    Posted p = press(ReportBlocks.ACTION_PREV, "agent Alice@example.com 2026-11-23", "UAGENT", true);
    assertThat(p.replaceOriginal()).isTrue();
    assertThat(p.text()).contains("Alice");
    Posted post = press(ReportBlocks.ACTION_POST, "agent alice@example.com 2026-11-24", "UAGENT", true);
    assertThat(post.text()).isEqualTo(Access.REFUSAL);
    assertThat(h.slack.calls("chat.postMessage")).isEmpty();
    assertThat(h.reports.calls).containsExactly("card Alice@example.com 2026-11-23");
  }

  @Test
  void homeShowsANonViewerOnlyTheirOwnCardAndAViewerTheTeam() throws Exception {
    h.event(SlackHarness.homeOpened("UAGENT"));
    FakeSlack.Call own = h.slack.awaitCall("views.publish", WAIT);
    assertThat(own.param("user_id")).isEqualTo("UAGENT");
    assertThat(own.param("view")).contains("BOT_VIEWERS").contains("Alice").doesNotContain("Desk team report");
    assertThat(h.reports.calls).containsExactly("card alice@example.com 2026-11-24");

    h.event(SlackHarness.homeOpened("ULEAD"));
    FakeSlack.Call team = h.slack.awaitCalls("views.publish", 2, WAIT).get(1);
    assertThat(team.param("view")).contains("Desk team report").doesNotContain("BOT_VIEWERS");
    assertThat(h.reports.calls).endsWith("report 2026-11-24", "card bob@example.com 2026-11-24");
  }

  @Test
  void listsAndUsageStayOpenToEveryone() throws Exception {
    assertThat(run("groups", "UAGENT").text()).contains("no groups yet");
    assertThat(run("links", "UAGENT").text()).contains("no links yet");
    assertThat(SlackAppHttpTest.json(h.command("help", "UAGENT", "C1", "x").body()).get("text").getAsString())
        .contains("Usage");
  }
}
