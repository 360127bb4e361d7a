package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.stats.Scope;
import com.deskstats.testing.Databases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Groups and links on both databases the bot supports. */
class GroupStoreTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void groupsAreSetAddedToRemovedFromAndDeleted(Databases.Kind kind) {
    GroupStore store = new GroupStore(kind.fresh(), CLOCK);
    assertThat(store.names()).isEmpty();
    assertThat(store.set("tier1", List.of("Bob@Example.com", "alice@example.com", "bob@example.com"), "UADMIN")).isTrue();
    assertThat(store.members("tier1")).hasValue(List.of("alice@example.com", "Bob@Example.com"));
    assertThat(store.set("tier1", List.of("carol"), "UADMIN")).isFalse();
    assertThat(store.members("tier1")).hasValue(List.of("carol"));

    assertThat(store.add("tier1", List.of("dave", "CAROL"), "UADMIN")).isTrue();
    assertThat(store.members("tier1")).hasValue(List.of("carol", "dave"));
    assertThat(store.add("tier9", List.of("x"), "UADMIN")).isFalse();
    assertThat(store.names()).containsExactly("tier1");

    store.set("vip", List.of("erin"), "UADMIN");
    assertThat(store.removeMembers("tier1", List.of("Dave", "nobody"), "UADMIN")).isTrue();
    assertThat(store.all()).isEqualTo(Map.of("tier1", List.of("carol"), "vip", List.of("erin")));
    assertThat(store.names()).containsExactly("tier1", "vip");

    Scope scope = store.scope("tier1").orElseThrow();
    assertThat(scope.group()).hasValue("tier1");
    assertThat(scope.includes("Carol")).isTrue();
    assertThat(scope.includes("erin")).isFalse();
    assertThat(store.scope("nope")).isEmpty();

    assertThat(store.removeMembers("tier1", List.of("carol"), "UADMIN")).isTrue();
    assertThat(store.members("tier1")).hasValue(List.of());
    assertThat(store.all()).containsEntry("tier1", List.of());
    assertThat(store.delete("tier1")).isTrue();
    assertThat(store.delete("tier1")).isFalse();
    assertThat(store.names()).containsExactly("vip");
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aChangeThatFailsHalfwaySavesNothing(Databases.Kind kind) throws Exception {
    DataSource ds = kind.fresh();
    GroupStore store = new GroupStore(ds, CLOCK);
    store.set("tier1", List.of("alice", "bob"), "UADMIN");
    String tooLong = "x".repeat(300); // wider than agent_id: the insert after the delete fails
    assertThatThrownBy(() -> store.set("tier1", List.of("carol", tooLong), "UOTHER")).isInstanceOf(StoreException.class);
    assertThat(store.members("tier1")).hasValue(List.of("alice", "bob"));
    assertThatThrownBy(() -> store.set("tier2", List.of(tooLong), "UOTHER")).isInstanceOf(StoreException.class);
    assertThat(store.names()).containsExactly("tier1");
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         var rs = st.executeQuery("SELECT changed_by FROM agent_group WHERE name = 'tier1'")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("UADMIN");
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void linksAreSetReplacedListedAndRemoved(Databases.Kind kind) {
    LinkStore links = new LinkStore(kind.fresh(), CLOCK);
    assertThat(links.agentOf("U2")).isEmpty();
    assertThat(links.link("U2", "agent-7", "UADMIN")).isEmpty();
    assertThat(links.link("U2", "agent-8", "UBOSS")).hasValue("agent-7");
    links.link("U1", "agent-1", "UADMIN");
    assertThat(links.agentOf("U2")).hasValue("agent-8");
    assertThat(links.list()).containsExactly(new LinkStore.Link("U1", "agent-1", "UADMIN"),
        new LinkStore.Link("U2", "agent-8", "UBOSS"));
    assertThat(links.unlink("U2")).isTrue();
    assertThat(links.unlink("U2")).isFalse();
    assertThat(links.agentOf("U2")).isEmpty();
  }
}
