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
  void schemaVersionIsTheNewestMigrationFile() throws Exception {
    int newest;
    try (var files = Files.walk(Path.of("src/main/resources/db/migration"))) {
      newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
    }
    assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aSchemaIsCurrentOnlyWhenEveryMigrationOfThisBuildRan(Databases.Kind kind) throws SQLException {
    DataSource ds = kind.empty();
    assertThat(Database.current(ds)).as("no history table").isFalse();
    Database.migrate(ds);
    assertThat(Database.current(ds)).isTrue();

    exec(ds, "delete from \"flyway_schema_history\" where \"version\" = '" + Database.SCHEMA_VERSION + "'");
    assertThat(Database.current(ds)).as("the newest migration has not run").isFalse();
  }

  @Test
  void aRestartWithACurrentSchemaSkipsFlywayAndANewFileMigrates(@TempDir Path tmp) throws Exception {
    Settings s = Settings.load(Map.of("DATABASE_URL", "jdbc:h2:file:" + tmp.resolve("desk-stats") + ";AUTO_SERVER=FALSE"));
    for (Database.Schema expected : List.of(Database.Schema.MIGRATED, Database.Schema.CURRENT)) {
      java.util.concurrent.CompletableFuture<HikariDataSource> pool = new java.util.concurrent.CompletableFuture<>();
      var schema = Database.migrateWhenOpen(s, pool, r -> new Thread(r).start());
      try (HikariDataSource ds = Database.open(s)) {
        pool.complete(ds);
        assertThat(schema.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(count(ds, "day_cache")).isZero();
        assertThat(Database.current(ds)).isTrue();
      }
    }
  }

  @Test
  void aPoolThatFailsToOpenFailsTheMigration(@TempDir Path tmp) {
    Settings s = Settings.load(Map.of("DATABASE_URL", "jdbc:h2:file:" + tmp.resolve("desk-stats") + ";AUTO_SERVER=FALSE"));
    java.util.concurrent.CompletableFuture<HikariDataSource> pool = new java.util.concurrent.CompletableFuture<>();
    var schema = Database.migrateWhenOpen(s, pool, r -> new Thread(r).start());
    pool.completeExceptionally(new StoreException("Cannot connect to the database", null));

    assertThatThrownBy(() -> schema.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreException.class);
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void verifyFindsAMigrationThatChangedAfterItRan(Databases.Kind kind) throws SQLException {
    DataSource ds = kind.empty();
    Database.migrate(ds);
    Database.verify(ds); // unchanged: nothing to say

    exec(ds, "update \"flyway_schema_history\" set \"checksum\" = 12345 where \"version\" = '1'");
    assertThat(Database.current(ds)).as("the quick check reads versions only").isTrue();
    assertThatThrownBy(() -> Database.verify(ds)).isInstanceOf(StoreException.class).hasMessageContaining("checksum");
  }

  private static void exec(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
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
