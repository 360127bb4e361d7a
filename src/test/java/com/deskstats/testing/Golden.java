package com.deskstats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden/: compares exactly, or rewrites them when the build runs with
 * {@code -Dgolden.update=true} (then review the diff).
 */
public final class Golden {
  private Golden() {}

  private static final Path DIR = Path.of("src/test/resources/golden");

  /** Fails unless {@code actual} (plus a final newline) is the file's content. */
  public static void assertGolden(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
    assertThat(actual + "\n").isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
