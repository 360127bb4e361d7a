package com.deskstats.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases for the digest tests: in-memory H2, and new databases on one embedded PostgreSQL
 * shared by the whole test JVM. Runs the project's Flyway locations; adds Quartz's tables on PostgreSQL when
 * no migration made them (before the store branch's V2 is merged).
 */
public final class DigestDatabases {
  private DigestDatabases() {}

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger counter = new AtomicInteger();

  public static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:digest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(ds, "h2");
    return ds;
  }

  /** A new migrated database on the shared embedded PostgreSQL; returns its JDBC URL. */
  public static synchronized String postgresUrl() {
    try {
      if (postgres == null) postgres = EmbeddedPostgres.builder().start();
      String name = "digest" + counter.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + name);
      }
      String url = postgres.getJdbcUrl("postgres", name);
      try (HikariDataSource ds = pool(url, 2)) {
        migrate(ds, "postgresql");
        ensureQuartzTables(ds);
      }
      return url;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A small pool on a database, as each replica would have. */
  public static HikariDataSource pool(String url, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername("postgres");
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(0);
    return new HikariDataSource(c);
  }

  private static void migrate(DataSource ds, String vendor) {
    Flyway.configure().dataSource(ds).failOnMissingLocations(false)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load().migrate();
  }

  private static void ensureQuartzTables(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (ResultSet rs = c.getMetaData().getTables(null, null, "qrtz_triggers", null)) {
        if (rs.next()) return;
      }
      String sql;
      try (InputStream in = DigestDatabases.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (Statement st = c.createStatement()) {
        for (String part : sql.replaceAll("(?m)^--.*$", "").split(";")) {
          String s = part.trim();
          if (!s.isEmpty() && !s.equalsIgnoreCase("COMMIT")) st.execute(s);
        }
      }
    }
  }
}
