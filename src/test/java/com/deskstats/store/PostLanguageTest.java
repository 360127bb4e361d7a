package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.alert.AlertStore;
import com.deskstats.alert.Rule;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.testing.Databases;
import com.deskstats.text.Language;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** V9: subscriptions and alert rules keep the language they post in; none means BOT_LANGUAGE. */
class PostLanguageTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
  private static final AlertCondition UNREPLIED = new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.empty());

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void rowsFromBeforeV9HaveNoLangAndFollowBotLanguage(Databases.Kind kind) throws Exception {
    DataSource ds = kind.empty();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/common",
        "classpath:db/migration/" + (kind == Databases.Kind.H2 ? "h2" : "postgresql")).target("8").load().migrate();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO subscription (channel_id, cron, time_zone, created_by, created_at) "
          + "VALUES ('C1', '0 0 9 * * ?', 'Asia/Shanghai', 'U1', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00')");
      st.executeUpdate("INSERT INTO alert_rule (channel_id, metric, op, threshold, per_agent, created_by, created_at) "
          + "VALUES ('C1', 'unreplied', '>', 5, FALSE, 'U1', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:00+00')");
    }
    Database.migrate(ds);

    assertThat(new SubscriptionStore(ds).list()).singleElement().satisfies(s -> assertThat(s.lang()).isEmpty());
    assertThat(new AlertStore(ds).rules()).singleElement().satisfies(r -> assertThat(r.lang()).isEmpty());
    // Only the two languages the bot speaks can be stored.
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE subscription SET lang = 'fr'")).isInstanceOf(SQLException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aSubscriptionsLangSurvivesARestartAndSubscribingAgainChangesIt(Databases.Kind kind) {
    String url = kind.freshUrl();
    Database.migrate(Databases.dataSource(url));
    SubscriptionStore before = new SubscriptionStore(Databases.dataSource(url));
    before.upsert(new Subscription("C1", "0 0 9 * * ?", SHANGHAI, "U1", NOW, "daily", "", false, Optional.of(Language.ZH)));
    before.upsert(new Subscription("C2", "0 0 9 * * ?", SHANGHAI, "U1", NOW));

    SubscriptionStore after = new SubscriptionStore(Databases.dataSource(url));
    assertThat(after.list()).extracting(s -> s.channelId() + " " + s.lang().map(Language::code).orElse("-"))
        .containsExactly("C1 zh", "C2 -");

    after.upsert(new Subscription("C1", "0 0 8 * * ?", SHANGHAI, "U2", NOW, "daily", "", false, Optional.of(Language.EN)));
    assertThat(after.find("C1")).hasValueSatisfying(s -> assertThat(s.lang()).hasValue(Language.EN));
    after.upsert(new Subscription("C1", "0 0 8 * * ?", SHANGHAI, "U2", NOW));
    assertThat(after.find("C1")).hasValueSatisfying(s -> assertThat(s.lang()).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aRulesLangSurvivesARestart(Databases.Kind kind) {
    String url = kind.freshUrl();
    Database.migrate(Databases.dataSource(url));
    Rule zh = new AlertStore(Databases.dataSource(url)).add("C1", UNREPLIED, "U1", NOW, Optional.of(Language.ZH));
    new AlertStore(Databases.dataSource(url)).add("C2", UNREPLIED, "U1", NOW);
    assertThat(zh.lang()).hasValue(Language.ZH);

    assertThat(new AlertStore(Databases.dataSource(url)).rules())
        .extracting(r -> r.channelId() + " " + r.lang().map(Language::code).orElse("-"))
        .containsExactly("C1 zh", "C2 -");
  }
}
