package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.FakeSlack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Keeps manifest.yml and the code in step: commands, events, interactivity and the scopes our calls need. */
class ManifestTest {

  /**
   * Web API methods the bot calls (here and in the digest) and the bot scopes each needs. A new call goes
   * here with its scopes, and the manifest must then request them.
   */
  static final Map<String, Set<String>> SCOPES = Map.of(
      "auth.test", Set.of(),
      "chat.postMessage", Set.of("chat:write", "chat:write.public"), // public: post to channels it has not joined
      "users.info", Set.of("users:read", "users:read.email"),        // email: the profile e-mail for agent lookup
      "views.publish", Set.of(),
      "usergroups.users.list", Set.of("usergroups:read"),        // BOT_VIEWERS may name user groups
      // Before a rule or subscription is saved: public channels, and private ones the bot is in.
      "conversations.info", Set.of("channels:read", "groups:read"),
      "files.getUploadURLExternal", Set.of("files:write"),
      "upload", Set.of(),                                            // the upload URL itself takes no token
      "files.completeUploadExternal", Set.of("files:write"),
      "conversations.open", Set.of("im:write"));                     // export: the asker's DM with the bot

  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("manifest.yml"))) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String p : path) o = ((Map<String, Object>) o).get(p);
    return (T) o;
  }

  @Test
  void declaresExactlyTheSlashCommandsTheAppRegisters() throws Exception {
    List<Map<String, Object>> commands = at(manifest(), "features", "slash_commands");
    Set<String> declared = commands.stream().map(c -> (String) c.get("command")).collect(Collectors.toSet());
    assertThat(declared).isEqualTo(SlackApp.SLASH_COMMANDS);
    for (Map<String, Object> c : commands) {
      assertThat((String) c.get("usage_hint")).isNotBlank();
      assertThat((String) c.get("url")).endsWith("/slack/events");
      assertThat(c.get("should_escape")).as("channels and users arrive as <#C…> and <@U…>").isEqualTo(true);
    }
  }

  @Test
  void theRealAppAnswersTheDeclaredCommandAndNoOther() throws Exception {
    try (SlackHarness h = new SlackHarness()) {
      assertThat(h.command("help", "x").statusCode()).isEqualTo(200);
      String other = h.commandBody("help", "U1", "C1", "y").replace("%2Fdesk-stats", "%2Fother");
      assertThat(h.send(h.signer.form(h.events(), other)).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void subscribesToTheEventsTheAppHandlesWithInteractivityHomeAndSocketMode() throws Exception {
    Map<String, Object> m = manifest();
    List<String> events = at(m, "settings", "event_subscriptions", "bot_events");
    assertThat(Set.copyOf(events)).isEqualTo(SlackApp.EVENTS);
    assertThat((Boolean) at(m, "settings", "interactivity", "is_enabled")).isTrue();
    assertThat((Boolean) at(m, "features", "app_home", "home_tab_enabled")).isTrue();
    assertThat((Object) at(m, "settings", "socket_mode_enabled")).isInstanceOf(Boolean.class);
  }

  @Test
  void requestsEveryScopeOurWebApiCallsNeed() throws Exception {
    List<String> requested = at(manifest(), "oauth_config", "scopes", "bot");
    Set<String> needed = new TreeSet<>(Set.of("commands"));
    SCOPES.values().forEach(needed::addAll);
    assertThat(requested).containsAll(needed);
    assertThat(requested).containsExactlyInAnyOrder("commands", "chat:write", "chat:write.public", "files:write",
        "im:write", "users:read", "users:read.email", "usergroups:read", "channels:read", "groups:read");
  }

  @Test
  void everyWebApiMethodTheAppCallsIsInTheScopeTable() throws Exception {
    try (SlackHarness h = new SlackHarness()) {
      h.slack.user("U1", "alice@example.com", true, false);
      h.command("agent me", "a");
      h.command("subscribe", "b");
      h.command("alert unreplied &gt; 5", "d");
      h.action(ReportBlocks.ACTION_POST, "2026-11-24", true, "c");
      h.event(SlackHarness.homeOpened("U1"));
      h.responses.await(4, Duration.ofSeconds(5));
      h.slack.awaitCall("views.publish", Duration.ofSeconds(5));
      h.slack.awaitCall("chat.postMessage", Duration.ofSeconds(5));
      Set<String> called = h.slack.calls().stream().map(FakeSlack.Call::method).collect(Collectors.toSet());
      assertThat(called).contains("auth.test", "users.info", "views.publish", "chat.postMessage", "conversations.info");
      assertThat(SCOPES.keySet()).containsAll(called);
    }
  }
}
