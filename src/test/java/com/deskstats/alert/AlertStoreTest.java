package com.deskstats.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.testing.Databases;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The alerts' tables behave the same on H2 and PostgreSQL. */
class AlertStoreTest {
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void rulesStatesClaimsAndHealthRoundTrip(Databases.Kind kind) {
    AlertStore store = new AlertStore(kind.fresh());
    AlertCondition c = new AlertCondition(Metric.WITHIN_30S, Op.LE, 72.5, true, Optional.of("tier-1"));
    Rule r = store.add("C1", c, "U1", NOW);
    assertThat(store.rules()).containsExactly(r);

    RuleState state = new RuleState(LocalDate.of(2026, 11, 25),
        Map.of("li.na@x", new Subject(true, NOW, 61.5, Optional.of(NOW)),
            "a b&c=d\n@x", new Subject(false, NOW.minusSeconds(60), 90, Optional.of(NOW.minusSeconds(60)))),
        List.of(new RuleState.OpenPost(2, Set.of("li.na@x", "a b&c=d\n@x"))), 2, Optional.of(NOW), OptionalDouble.of(61.5));
    store.saveStates(Map.of(r.id(), state));
    store.saveStates(Map.of(r.id(), state));
    assertThat(store.states()).containsExactly(Map.entry(r.id(), state));
    RuleState team = new RuleState(LocalDate.of(2026, 11, 25), Map.of(RuleState.TEAM,
        new Subject(true, NOW, 7, Optional.of(NOW))), List.of(new RuleState.OpenPost(1, Set.of(RuleState.TEAM))), 1,
        Optional.empty(), OptionalDouble.empty());
    store.saveStates(Map.of(r.id(), team, 999L, team));
    assertThat(store.states()).as("a removed rule's state is left out").containsExactly(Map.entry(r.id(), team));

    assertThat(store.claim("rule:1:2026-11-25:1:fired", "C1", "node-a", NOW)).isTrue();
    assertThat(store.claim("rule:1:2026-11-25:1:fired", "C1", "node-b", NOW)).isFalse();
    store.record("rule:1:2026-11-25:1:fired", Optional.of("1700000000.000001"), Optional.empty());
    assertThat(store.messageTs("rule:1:2026-11-25:1:fired")).hasValue("1700000000.000001");

    DeskHealth h = new DeskHealth(3, true, 2, Optional.of(NOW), Optional.of("Desk is not answering."));
    assertThat(store.health()).isEqualTo(DeskHealth.OK);
    store.saveHealth(h);
    assertThat(store.health()).isEqualTo(h);

    assertThat(store.remove(r.id())).hasValue(r);
    assertThat(store.remove(r.id())).isEmpty();
    assertThat(store.rules()).isEmpty();
    assertThat(store.states()).isEmpty();
  }
}
