package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.config.Settings;
import com.deskstats.testing.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void migrationsCreateTheDayCacheAndQuartzTables(Databases.Kind kind) throws SQLException {
    DataSource ds = kind.empty();
    Database.migrate(ds);

    assertThat(count(ds, "day_cache")).isZero();
    assertThat(count(ds, "day_cache_row")).isZero();
    assertThat(count(ds, "qrtz_locks")).isZero();
    assertThat(count(ds, "qrtz_job_details")).isZero();
    assertThat(appliedVersions(ds)).contains("1", "2");
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void migratingAnUpToDateDatabaseChangesNothing(Databases.Kind kind) throws SQLException {
    DataSource ds = kind.fresh();
    List<String> before = appliedVersions(ds);
    new DayStore(ds).save("1@UTC", java.time.LocalDate.of(2026, 1, 1),
        List.of(com.deskstats.testing.CountingDeskSource.row("a", "A", 1)), java.time.Instant.EPOCH);

    Database.migrate(ds);

    assertThat(appliedVersions(ds)).isEqualTo(before);
    assertThat(count(ds, "day_cache_row")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void isPostgresTellsTheDatabasesApart(Databases.Kind kind) {
    assertThat(Database.isPostgres(kind.empty())).isEqualTo(kind == Databases.Kind.POSTGRES);
  }

  @Test
  void openCreatesTheDirectoryOfAnH2FileAndMigrates(@TempDir Path tmp) throws SQLException {
    Path dir = tmp.resolve("nested/data");
    Settings s = Settings.load(Map.of("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("desk-stats") + ";AUTO_SERVER=FALSE"));

    try (HikariDataSource ds = Database.open(s)) {
      Database.migrate(ds);
      assertThat(count(ds, "day_cache")).isZero();
      assertThat(ds.getMaximumPoolSize()).isEqualTo(5);
    }
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(Files.exists(dir.resolve("desk-stats.mv.db"))).isTrue();
  }

  @Test
  void openConnectsToPostgresqlWithUserAndPassword() throws SQLException {
    String url = Databases.Kind.POSTGRES.freshUrl().replaceFirst("user=postgres&?", "");
    Settings s = Settings.load(Map.of("DATABASE_URL", url, "DATABASE_USER", "postgres", "DATABASE_PASSWORD", "unused"));

    try (HikariDataSource ds = Database.open(s)) {
      Database.migrate(ds);
      assertThat(Database.isPostgres(ds)).isTrue();
      assertThat(ds.getUsername()).isEqualTo("postgres");
      assertThat(count(ds, "day_cache")).isZero();
    }
  }

  @Test
  void unreachableDatabaseIsOneSentenceNamingDatabaseUrlWithoutThePassword() {
    Settings s = Settings.load(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/desk?password=hunter2",
        "DATABASE_PASSWORD", "hunter3"));

    assertThatThrownBy(() -> Database.open(s))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/desk")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("hunter3")
        .hasMessageNotContaining("\n");
  }

  @Test
  void redactDropsCredentialsFromUrls() {
    assertThat(Database.redact("jdbc:postgresql://bot:secret@db:5432/desk?password=secret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/desk");
    assertThat(Database.redact("jdbc:h2:file:./data/desk-stats;PASSWORD=secret")).isEqualTo("jdbc:h2:file:./data/desk-stats");
  }

  @Test
  void onlyEmbeddedH2FilesHaveADirectoryToCreate() {
    assertThat(Database.h2File(Settings.DEFAULT_DATABASE_URL)).contains(Path.of("./data/desk-stats").toAbsolutePath());
    assertThat(Database.h2File("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(Database.h2File("jdbc:h2:tcp://host/db")).isEmpty();
    assertThat(Database.h2File("jdbc:postgresql://db/desk")).isEmpty();
  }

  static long count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> appliedVersions(DataSource ds) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE ORDER BY \"installed_rank\"")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
