package com.deskstats.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** Databases for the digest tests, on top of {@link Databases}: pooled PostgreSQL, as each replica has. */
public final class DigestDatabases {
  private DigestDatabases() {}

  public static DataSource h2() {
    return Databases.h2();
  }

  /** A new migrated schema on the shared embedded PostgreSQL; returns its JDBC URL (DATABASE_URL). */
  public static String postgresUrl() {
    String url = Databases.Kind.POSTGRES.freshUrl();
    com.deskstats.store.Database.migrate(Databases.dataSource(url));
    return url;
  }

  /** A small pool on a database, as each replica would have. */
  public static HikariDataSource pool(String url, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(0);
    return new HikariDataSource(c);
  }
}
