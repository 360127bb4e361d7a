package com.deskstats.testing;

import com.deskstats.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh real databases for tests: an H2 in-memory database, or a new schema in one embedded PostgreSQL
 * started once per test JVM. Use {@link Kind} with {@code @EnumSource(Databases.Kind.class)} to run a
 * test on both.
 */
public final class Databases {

  private static final AtomicInteger SEQ = new AtomicInteger();

  private Databases() {}

  /** The two databases the bot supports. */
  public enum Kind {
    H2, POSTGRES;

    /** A new empty database of this kind with every migration applied. */
    public DataSource fresh() {
      DataSource ds = empty();
      Database.migrate(ds);
      return ds;
    }

    /** A new empty database of this kind, not migrated. */
    public DataSource empty() {
      return dataSource(freshUrl());
    }

    /** The JDBC URL of a new empty database of this kind (for code that takes Settings). */
    public String freshUrl() {
      return this == H2 ? h2Url() : postgresUrl();
    }
  }

  /** A fresh, migrated H2 in-memory database. */
  public static DataSource h2() {
    return Kind.H2.fresh();
  }

  /** A fresh, migrated schema in the shared embedded PostgreSQL. */
  public static DataSource postgres() {
    return Kind.POSTGRES.fresh();
  }

  /** A non-pooled DataSource over a URL returned by {@link Kind#freshUrl()}. */
  public static DataSource dataSource(String url) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(url);
      return ds;
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  private static String h2Url() {
    // DB_CLOSE_DELAY=-1 keeps the database while no connection is open.
    return "jdbc:h2:mem:test" + SEQ.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
  }

  private static String postgresUrl() {
    String schema = "test" + SEQ.incrementAndGet();
    try (Connection c = Pg.INSTANCE.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a schema in the embedded PostgreSQL", e);
    }
    return Pg.INSTANCE.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
  }

  /** Started on first use, once per JVM; zonky stops it at JVM exit. */
  private static final class Pg {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        return EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
    }
  }
}
