package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeReports;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The group and link grammar of SPEC §9: pure, and every refusal one sentence. */
class GroupGrammarTest {

  static Command parse(String text) {
    return CommandParser.parse(text, FakeReports.TODAY);
  }

  @Test
  void groupChangesAreRead() {
    assertThat(parse("group set Tier1 li.na@example.com <mailto:wang@example.com|wang@example.com> agent-7"))
        .isEqualTo(new Command.GroupSet("tier1", List.of("li.na@example.com", "wang@example.com", "agent-7")));
    assertThat(parse("group add vip a&amp;b")).isEqualTo(new Command.GroupAdd("vip", List.of("a&b")));
    assertThat(parse("GROUP REMOVE vip agent-7")).isEqualTo(new Command.GroupRemove("vip", List.of("agent-7")));
    assertThat(parse("group remove vip")).isEqualTo(new Command.GroupRemove("vip", List.of()));
    assertThat(parse("groups")).isEqualTo(new Command.GroupList());
  }

  @Test
  void linksAreRead() {
    assertThat(parse("link <@U02ABC|bob> bob.agent")).isEqualTo(new Command.Link("U02ABC", "bob.agent"));
    assertThat(parse("link <@U02ABC> <mailto:b@example.com|b@example.com>")).isEqualTo(new Command.Link("U02ABC", "b@example.com"));
    assertThat(parse("unlink <@W9X>")).isEqualTo(new Command.Unlink("W9X"));
    assertThat(parse("links")).isEqualTo(new Command.LinkList());
  }

  @Test
  void groupNameAfterAReportStillScopesTheReport() {
    assertThat(parse("group tier1 yesterday")).isInstanceOf(Command.Report.class);
    assertThat(((Command.Report) parse("group tier1 yesterday")).group()).hasValue("tier1");
  }

  @Test
  void badGroupAndLinkCommandsGetOneSentence() {
    for (String text : List.of("group set", "group set tier1", "group add tier1", "group set Tier_1 a", "group set set a",
        "group add " + "x".repeat(33) + " a", "group set tier1 <@U1>", "group set tier1 <#C1|x>", "groups tier1",
        "link", "link bob a", "link <@U1>", "link <@U1> a b", "link <@U1> <@U2>", "unlink", "unlink bob",
        "unlink <@U1> <@U2>", "links please")) {
      Command c = parse(text);
      assertThat(c).as(text).isInstanceOf(Command.Usage.class);
      String sentence = ((Command.Usage) c).sentence();
      assertThat(sentence).as(text).doesNotContain("\n").endsWith(".");
      String chinese = ((Command.Usage) c).sentence(Texts.of(Language.ZH));
      assertThat(chinese).as(text).doesNotContain("\n").containsPattern("\\p{IsHan}").endsWith("。");
    }
    assertThat(((Command.Usage) parse("group set tier1 <@U1>")).sentence()).contains("link @someone");
  }

  @Test
  void groupAndLinkRefusalsReadInChineseWithTheCommandsKept() {
    Texts zh = Texts.of(Language.ZH);
    assertThat(((Command.Usage) parse("group set Tier_1 a")).sentence(zh)).isEqualTo(
        "“Tier1”不是有效的组名：只能用 a-z、0-9 和 -，最多 32 个字符（不能是 set、add 或 remove），例如 `group set tier1`。");
    assertThat(((Command.Usage) parse("unlink &lt;bob&gt;")).sentence(zh)).isEqualTo(
        "请从 Slack 的 @ 自动补全中选人，命令才能认出是谁，例如 `unlink @someone`；“&lt;bob&gt;”不是一个人。");
    assertThat(((Command.Usage) parse("group set tier1 <@U1>")).sentence(zh)).contains("`link @someone AgentId`");
    assertThat(((Command.Usage) parse("group set Tier_1 a")).sentence()).isEqualTo(
        "'Tier1' is not a group name: use a-z, 0-9 and -, at most 32 characters (not set, add or remove), as in `group set tier1`.");
  }

  @Test
  void tooManyAgentIdsAreRefused() {
    StringBuilder s = new StringBuilder("group set big");
    for (int i = 0; i <= GroupGrammar.MAX_IDS; i++) s.append(" a").append(i);
    assertThat(parse(s.toString())).isInstanceOf(Command.Usage.class);
  }

  @Property(tries = 300)
  void anyGroupOrLinkTextIsSomeCommand(@ForAll String rest) {
    for (String head : List.of("group set ", "group add ", "group remove ", "link ", "unlink ")) {
      assertThat(parse(head + rest)).isNotNull();
    }
  }
}
