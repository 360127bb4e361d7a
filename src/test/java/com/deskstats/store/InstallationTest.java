package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.Databases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The install marker (V5): a new install's first start records its time; an upgraded install counts as old. */
class InstallationTest {
  static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aNewInstallRecordsItsFirstStartAndKeepsIt(Databases.Kind kind) {
    DataSource ds = kind.fresh();
    assertThat(Installation.since(ds, NOW)).isEqualTo(NOW);
    assertThat(Installation.since(ds, NOW.plusSeconds(3600))).as("a restart keeps the first start").isEqualTo(NOW);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void anInstallUpgradedWithSubscriptionsCountsAsInstalledLongAgo(Databases.Kind kind) throws Exception {
    DataSource ds = kind.empty();
    String vendor = kind == Databases.Kind.H2 ? "h2" : "postgresql";
    Flyway.configure().dataSource(ds).locations(Database.COMMON, "classpath:db/migration/" + vendor).target("4").load()
        .migrate();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO subscription (channel_id, cron, time_zone, created_by, created_at) "
          + "VALUES ('C1', '0 0 9 * * ?', 'Asia/Shanghai', 'U1', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')");
    }
    Database.migrate(ds);
    assertThat(Installation.since(ds, NOW)).isEqualTo(Instant.EPOCH);
  }
}
