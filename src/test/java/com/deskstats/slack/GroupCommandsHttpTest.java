package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.LogCapture;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Groups and links from Slack over signed HTTP, stored in a real database, with Reports faked. */
class GroupCommandsHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  final SlackHarness h = SlackHarness.stored(null, Set.of("UBOTADMIN"), Set.of(), Ticker.systemTicker());

  @AfterEach
  void close() {
    h.close();
  }

  String run(String text, String user) throws InterruptedException {
    String id = h.nextId();
    h.command(text, user, "C1", id);
    return h.responses.await(id, WAIT).text();
  }

  @Test
  void adminsSetAddRemoveAndDeleteGroupsAndEachChangeIsLoggedWithTheirUserId() throws Exception {
    h.slack.user("UADMIN", "admin@example.com", true, false);
    try (LogCapture logs = LogCapture.of(GroupCommands.class)) {
      assertThat(run("group set tier1 alice@example.com ghost@example.com", "UADMIN"))
          .isEqualTo("Made group `tier1` with 2 agents: alice@example.com, ghost@example.com.");
      assertThat(run("group add tier1 Bob@Example.com", "UBOTADMIN"))
          .isEqualTo("Added to group `tier1`; it now has 3 agents: alice@example.com, Bob@Example.com, ghost@example.com.");
      assertThat(run("group remove tier1 ghost@example.com", "UADMIN")).contains("it now has 2 agents");
      assertThat(h.stored.groups().members("tier1")).hasValue(List.of("alice@example.com", "Bob@Example.com"));
      assertThat(run("group add tier9 x", "UADMIN")).isEqualTo(
          "There is no group `tier9`; make it with `/desk-stats group set tier9 AgentId…`; the groups are `tier1`.");
      run("group set vip carol", "UADMIN");
      assertThat(run("group remove vip", "UADMIN")).isEqualTo("Removed group `vip`.");
      assertThat(h.stored.groups().names()).containsExactly("tier1");
      assertThat(logs.lines()).contains("group tier1 created by=UADMIN agents=2", "group tier1 added by=UBOTADMIN agents=1 now=3",
          "group vip deleted by=UADMIN");
      assertThat(logs.lines()).noneMatch(l -> l.contains("ghost@example.com"));
    }
    assertThat(h.reports.calls).isEmpty();
  }

  @Test
  void ordinaryMembersMayNotChangeGroupsOrLinksAndNothingIsSaved() throws Exception {
    h.slack.user("U1", "alice@example.com");
    for (String text : List.of("group set tier1 a", "group add tier1 a", "group remove tier1", "link <@U2> a", "unlink <@U2>")) {
      assertThat(run(text, "U1")).as(text).isEqualTo(GroupCommands.REFUSED);
    }
    assertThat(h.stored.groups().names()).isEmpty();
    assertThat(h.stored.links().list()).isEmpty();
    assertThat(h.reports.calls).isEmpty();
  }

  @Test
  void aBadGroupCommandIsUsageInTheAckAndDoesNoWork() {
    var ack = SlackAppHttpTest.json(h.command("group set tier1", "UBOTADMIN", "C1", "u").body());
    assertThat(ack.get("text").getAsString()).startsWith("Give the group's AgentIds");
    assertThat(h.executor.submitted.get()).isZero();
  }

  @Test
  void anyoneMayListTheGroupsWithAgentsNotSeenInThirtyDaysMarked() throws Exception {
    assertThat(run("groups", "U1")).contains("There are no groups yet");
    assertThat(h.reports.calls).isEmpty();
    h.stored.groups().set("tier1", List.of("alice@example.com", "ghost@example.com"), "UADMIN");
    h.stored.groups().set("empty", List.of("x"), "UADMIN");
    h.stored.groups().removeMembers("empty", List.of("x"), "UADMIN");
    String list = run("groups", "U1");
    assertThat(list).isEqualTo("*Groups*\n• `empty`: no agents\n"
        + "• `tier1`: alice@example.com, ghost@example.com _(not seen in the last 30 days)_");
    // One 30-day report, the whole team's, for the marks.
    assertThat(h.reports.calls).containsExactly("report 2026-10-26..2026-11-24");
  }

  @Test
  void aGroupReportNamesTheGroupAndItsButtonsCarryIt() throws Exception {
    h.stored.groups().set("tier1", List.of("alice@example.com"), "UADMIN");
    h.command("yesterday group tier1", "U1", "C1", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.json().getAsJsonArray("blocks").get(0).toString()).contains("Desk team report · group tier1 · Tue 24 Nov 2026");
    String buttons = p.json().getAsJsonArray("blocks").asList().stream()
        .filter(b -> b.getAsJsonObject().get("type").getAsString().equals("actions")).findFirst().orElseThrow().toString();
    assertThat(buttons).contains("\"value\":\"2026-11-23 group tier1\"").contains("\"value\":\"2026-11-24 group tier1\"");

    h.action(ReportBlocks.ACTION_PREV, "2026-11-23 group tier1", false, "b1");
    assertThat(h.responses.await("b1", WAIT).text()).contains("group tier1");
    h.action(ReportBlocks.ACTION_POST, "2026-11-24 group tier1", true, "b2");
    assertThat(h.slack.awaitCall("chat.postMessage", WAIT).param("text")).contains("group tier1");
    h.action(ReportBlocks.ACTION_PREV, "agent alice@example.com 2026-11-23 group tier1", true, "b3");
    assertThat(h.responses.await("b3", WAIT).text()).contains("Agent card · group tier1");
    assertThat(h.reports.calls).containsExactly("report 2026-11-24 group tier1", "report 2026-11-23 group tier1",
        "report 2026-11-24 group tier1", "card alice@example.com 2026-11-23 group tier1");
  }

  @Test
  void aLinkWinsOverTheProfileEmailAndTheCardSaysHowTheAgentWasFound() throws Exception {
    h.slack.user("U2", "bob@example.com").user("UADMIN", "admin@example.com", true, false);
    assertThat(run("agent <@U2>", "U1")).contains("Bob");
    assertThat(h.responses.posted().get(0).json().toString()).contains("AgentId from the Slack e-mail of <@U2>.");
    try (LogCapture logs = LogCapture.of(GroupCommands.class)) {
      assertThat(run("link <@U2|bob> carol", "UADMIN"))
          .isEqualTo("Linked <@U2> to `carol`; `me` and @-mentions now use it.");
      assertThat(logs.lines()).containsExactly("link user=U2 set by=UADMIN");
    }
    h.responses.clear();
    run("agent <@U2>", "U1");
    assertThat(h.responses.posted().get(0).json().toString()).contains("AgentId linked to <@U2> by an admin.");
    h.responses.clear();
    run("agent me", "U2");
    assertThat(h.responses.posted().get(0).json().toString()).contains("AgentId linked to you by an admin.");
    assertThat(h.reports.calls).containsExactly("card bob@example.com 2026-11-24", "card carol 2026-11-24",
        "card carol 2026-11-24");
    assertThat(run("links", "U1")).isEqualTo("*Links*\n• <@U2> → `carol` _(by <@UADMIN>)_");
    assertThat(run("unlink <@U2>", "UBOTADMIN")).isEqualTo("Unlinked <@U2>; their Slack e-mail is used again.");
    assertThat(run("unlink <@U2>", "UBOTADMIN")).isEqualTo("<@U2> has no link.");
    run("agent me", "U2");
    assertThat(h.reports.calls).endsWith("card bob@example.com 2026-11-24");
  }

  @Test
  void homeUsesTheLinkToo() throws Exception {
    h.slack.user("U2", "nobody@example.com");
    h.stored.links().link("U2", "alice@example.com", "UADMIN");
    h.event(SlackHarness.homeOpened("U2"));
    String view = h.slack.awaitCall("views.publish", WAIT).param("view");
    assertThat(view).contains("Alice").contains("linked to you by an admin");
    assertThat(h.reports.calls).containsExactly("report 2026-11-24", "card alice@example.com 2026-11-24");
  }
}
