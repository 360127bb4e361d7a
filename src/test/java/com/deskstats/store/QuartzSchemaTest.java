package com.deskstats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** The V2 migrations give Quartz a working JDBC job store on both databases. */
class QuartzSchemaTest {

  private static final AtomicInteger SEQ = new AtomicInteger();
  static final Map<String, CountDownLatch> RAN = new ConcurrentHashMap<>();

  /** Counts down its scheduler's latch in {@link #RAN} when fired. */
  public static final class Ping implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      RAN.get(context.getMergedJobDataMap().getString("latch")).countDown();
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void aJdbcJobStoreRunsOnTheMigratedSchema(Databases.Kind kind) throws Exception {
    DataSource ds = kind.fresh();
    String name = "quartz-schema-test-" + SEQ.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
      @Override
      public Connection getConnection() throws SQLException {
        return ds.getConnection();
      }

      @Override
      public void shutdown() {}

      @Override
      public void initialize() {}
    });
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.dataSource", name);
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", kind == Databases.Kind.POSTGRES
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    try {
      scheduler.start();
      CountDownLatch ran = new CountDownLatch(1);
      RAN.put(name, ran);
      scheduler.scheduleJob(JobBuilder.newJob(Ping.class).withIdentity("ping").usingJobData("latch", name).build(),
          TriggerBuilder.newTrigger().withIdentity("now").startNow().build());

      assertThat(ran.await(10, TimeUnit.SECONDS)).as("the job ran").isTrue();
      assertThat(DatabaseTest.count(ds, "qrtz_scheduler_state")).isEqualTo(1);
      assertThat(DatabaseTest.count(ds, "qrtz_locks")).isPositive();
    } finally {
      scheduler.shutdown(true);
    }
  }
}
