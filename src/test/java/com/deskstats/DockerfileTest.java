package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The Dockerfile, read as text: no Docker engine runs here, so its structure is what we can check. */
class DockerfileTest {

  record Instruction(String keyword, String args) {}

  record Stage(String from, String alias, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> found = all(keyword);
      assertThat(found).as("%s in stage %s", keyword, from).isNotEmpty();
      return found.get(found.size() - 1);
    }
  }

  static List<Stage> stages;
  static String dockerfile;

  @BeforeAll
  static void parse() throws IOException {
    dockerfile = Files.readString(Path.of("Dockerfile"));
    stages = parse(dockerfile);
  }

  /** Joins continuation lines, drops comments and splits into stages at each FROM. */
  static List<Stage> parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#")) continue;
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) logical.add(current.toString().strip());
      current.setLength(0);
    }
    List<Stage> result = new ArrayList<>();
    for (String line : logical) {
      String[] parts = line.split("\\s+", 2);
      Instruction ins = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
      if (ins.keyword().equals("FROM")) {
        Matcher m = Pattern.compile("(?i)^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?$").matcher(ins.args());
        assertThat(m.matches()).as("FROM line: %s", line).isTrue();
        result.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
      } else {
        assertThat(result).as("instruction before the first FROM: %s", line).isNotEmpty();
        result.get(result.size() - 1).instructions().add(ins);
      }
    }
    return result;
  }

  static Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /** Parses a JSON-array (exec form) argument list such as ["java", "-jar", "x.jar"]. */
  static List<String> execForm(String args) {
    String a = args.strip();
    assertThat(a).as("exec form (JSON array): %s", a).startsWith("[").endsWith("]");
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(a.substring(1, a.length() - 1));
    List<String> items = new ArrayList<>();
    while (m.find()) items.add(m.group(1));
    return items;
  }

  static String pomFinalName() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    NodeList names = pom.getElementsByTagName("finalName");
    assertThat(names.getLength()).as("<finalName> in pom.xml").isEqualTo(1);
    Node name = names.item(0);
    return name.getTextContent().strip();
  }

  @Test
  void buildsInAMavenStageAndRunsInASeparateJreStage() {
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    Stage build = stages.get(0);
    assertThat(build.alias()).isEqualToIgnoringCase("build");
    assertThat(build.from()).startsWith("maven:").contains("17");
    assertThat(build.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("dependency:go-offline"));
    assertThat(build.all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("package"));
    // Dependencies are fetched before the sources are copied, so a source change reuses that layer.
    List<Instruction> ins = build.instructions();
    int goOffline = indexOf(ins, "RUN", "dependency:go-offline");
    int copySrc = indexOf(ins, "COPY", "src");
    assertThat(goOffline).isNotNegative().isLessThan(copySrc);

    assertThat(runtime().from()).contains("jre").doesNotStartWith("maven");
  }

  @Test
  void runtimeRunsAsAFixedNonRootUser() {
    String user = runtime().last("USER").args().strip();
    String name = user.split(":")[0];
    assertThat(name).isNotIn("root", "0").matches("\\d+|[a-z_][a-z0-9_-]*");
    // The user is set after the package installs, which need root.
    assertThat(indexOf(runtime().instructions(), "USER", "")).isGreaterThan(indexOf(runtime().instructions(), "RUN", "apt-get"));
  }

  @Test
  void healthCheckRequestsHealthOnThePort() {
    String check = runtime().last("HEALTHCHECK").args();
    assertThat(check).contains("CMD").contains("/health").containsAnyOf("${PORT}", "$PORT");
  }

  @Test
  void healthCheckRunsInAShellSoThatPortIsExpanded() {
    // Exec form (CMD ["curl", ".../${PORT}/health"]) runs no shell: the URL would hold the text ${PORT} and every
    // check would fail, marking a healthy container unhealthy.
    String cmd = runtime().last("HEALTHCHECK").args().replaceFirst("(?s)^.*?\\bCMD\\s+", "").strip();
    if (cmd.startsWith("[")) {
      assertThat(execForm(cmd)).as("an exec-form health check must start a shell").containsSequence("sh", "-c");
    } else {
      assertThat(cmd).contains("curl").contains("/health");
    }
  }

  @Test
  void exposesTheDefaultPortAndSetsIt() {
    int defaultPort = Settings.load(java.util.Map.of()).port();
    assertThat(runtime().last("EXPOSE").args().strip()).isEqualTo(String.valueOf(defaultPort));
    assertThat(runtime().all("ENV")).anySatisfy(e -> assertThat(e.args()).matches("PORT[= ]" + defaultPort));
  }

  @Test
  void copiesTheJarTheBuildProducesAndRunsIt() throws Exception {
    String jar = "target/" + pomFinalName() + ".jar";
    Instruction copy = runtime().all("COPY").stream().filter(c -> c.args().contains("--from=build")).findFirst().orElseThrow();
    List<String> words = Arrays.stream(copy.args().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
    assertThat(words).hasSize(2);
    assertThat(words.get(0)).endsWith(jar);
    String destination = words.get(1);

    List<String> entrypoint = execForm(runtime().last("ENTRYPOINT").args());
    assertThat(entrypoint.get(0)).isEqualTo("java");
    int jarFlag = entrypoint.indexOf("-jar");
    assertThat(jarFlag).isPositive();
    assertThat(entrypoint.get(jarFlag + 1)).isEqualTo(destination);
    assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true")
        .anySatisfy(f -> assertThat(f).startsWith("-XX:MaxRAMPercentage="));
  }

  @Test
  void theBotMapsTheAppCdsArchiveItsTrainingRunMadeWithTheSameJar() {
    String runs = String.join(" ", runtime().all("RUN").stream().map(Instruction::args).toList());
    Matcher made = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+).*?-jar (\\S+)").matcher(runs);
    assertThat(made.find()).as("an AppCDS training run in the runtime stage").isTrue();
    List<String> entrypoint = execForm(runtime().last("ENTRYPOINT").args());
    assertThat(entrypoint).contains("-XX:SharedArchiveFile=" + made.group(1));
    // The archive is only used with the class path it was made with.
    assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).isEqualTo(made.group(2));
    // Made as the user that runs the bot, after the jar is in place.
    List<Instruction> ins = runtime().instructions();
    assertThat(indexOf(ins, "RUN", "ArchiveClassesAtExit")).isGreaterThan(indexOf(ins, "USER", ""))
        .isGreaterThan(indexOf(ins, "COPY", "--from=build"));
  }

  @Test
  void theAppCdsArchiveIsTrainedOnTheServePathWithTheBotsFlags() {
    String runs = String.join(" ", runtime().all("RUN").stream().map(Instruction::args).toList());
    Matcher made = Pattern.compile("java (-XX:ArchiveClassesAtExit=\\S+) (.*?) -jar (\\S+) (\\S+)").matcher(
        runs.replace("\\\n", " ").replaceAll("\\s+", " "));
    assertThat(made.find()).isTrue();
    // A start's classes, not a preview's: the command Main serves the training with.
    assertThat(made.group(4)).isEqualTo("cds-training");
    assertThat(Main.USAGE).contains("cds-training");
    // Flags that change which classes load are the entrypoint's own.
    List<String> entrypoint = execForm(runtime().last("ENTRYPOINT").args());
    assertThat(entrypoint).contains(made.group(2).split(" "));
  }

  @Test
  void theEmbeddedDatabaseDirectoryIsAVolume() {
    // The default H2 file is relative to the working directory: ./data/desk-stats → <WORKDIR>/data.
    Matcher m = Pattern.compile("jdbc:h2:file:\\./([^;]+)/[^/;]+").matcher(Settings.DEFAULT_DATABASE_URL);
    assertThat(m.lookingAt()).isTrue();
    String workdir = runtime().last("WORKDIR").args().strip();
    String dataDir = Path.of(workdir).resolve(m.group(1)).toString();
    String volume = runtime().last("VOLUME").args().strip();
    List<String> volumes = volume.startsWith("[") ? execForm(volume) : Arrays.asList(volume.split("\\s+"));
    assertThat(volumes).contains(dataDir);
    // Created and handed to the user before VOLUME, since changes after VOLUME are discarded.
    assertThat(runtime().all("RUN")).anySatisfy(r -> assertThat(r.args()).contains("mkdir -p " + dataDir).contains("chown"));
  }

  @Test
  void noSecretIsBakedIntoTheImage() {
    Pattern secretName = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|KEY).*");
    for (Stage stage : stages) {
      for (Instruction i : stage.instructions()) {
        if (!i.keyword().equals("ENV") && !i.keyword().equals("ARG")) continue;
        for (String pair : i.args().split("\\s+")) {
          String key = pair.split("[= ]", 2)[0];
          assertThat(secretName.matcher(key).matches()).as("%s %s sets a secret-looking variable", i.keyword(), pair).isFalse();
        }
      }
    }
    assertThat(dockerfile).doesNotContain("xoxb-").doesNotContain("xapp-").doesNotContain("xoxp-");
  }

  @Test
  void dockerignoreKeepsBuildOutputDataAndSecretsOut() throws IOException {
    List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip).toList();
    assertThat(ignored).contains("target", "data", ".git", ".env");
  }

  private static int indexOf(List<Instruction> ins, String keyword, String contains) {
    for (int i = 0; i < ins.size(); i++) {
      if (ins.get(i).keyword().equals(keyword) && ins.get(i).args().contains(contains)) return i;
    }
    return -1;
  }
}
