package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The image's training run starts the bot for real, twice, and leaves nothing behind. */
class CdsTrainingTest {

  @Test
  void bothStartsBecomeHealthyAndTheirDatabaseIsRemoved() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = trainingDirs(tmp);

    CdsTraining.Trained trained = CdsTraining.run();

    assertThat(trained.health()).containsExactly(200, 200);
    assertThat(trained.healthy()).isTrue();
    assertThat(trainingDirs(tmp)).isEqualTo(before);
  }

  @Test
  void aStartThatWasNotHealthyFailsTheTraining() {
    assertThat(new CdsTraining.Trained(java.util.List.of(200, 503)).healthy()).isFalse();
    assertThat(new CdsTraining.Trained(java.util.List.of()).healthy()).isFalse();
  }

  private static long trainingDirs(Path tmp) throws Exception {
    try (var dirs = Files.list(tmp)) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("desk-stats-cds-training")).count();
    }
  }
}
