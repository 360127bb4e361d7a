package com.deskstats.slack;

import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.time.DayOfWeek;
import java.util.Optional;

/**
 * Which digest of a channel a subscribe or unsubscribe means (SPEC §5): daily or weekly (and on which day), the whole
 * team or one group, whether the export CSV goes along, and the posts' language (empty: BOT_LANGUAGE).
 */
public record DigestOptions(boolean weekly, DayOfWeek day, Optional<String> group, boolean csv, Optional<Language> lang) {

  /** The daily digest of the whole team, without CSV, in BOT_LANGUAGE: what plain {@code subscribe} makes. */
  public static final DigestOptions DAILY = new DigestOptions(false, DayOfWeek.MONDAY, Optional.empty(), false);

  /** Options whose posts use BOT_LANGUAGE. */
  public DigestOptions(boolean weekly, DayOfWeek day, Optional<String> group, boolean csv) {
    this(weekly, day, group, csv, Optional.empty());
  }

  /** "the daily digest", "the weekly digest of group `tier1`", in English. */
  public String describe() {
    return describe(Language.EN);
  }

  /** "the daily digest", "小组 `tier1` 的每周摘要": which digest, in {@code language}. */
  public String describe(Language language) {
    return Texts.of(language).render(description());
  }

  /** Which digest without an article, for "#support's daily digest": "daily digest", "weekly digest of group `tier1`". */
  public Text name() {
    String kind = weekly ? "weekly" : "daily";
    return group.map(g -> Text.of("grammar.digest." + kind + "_of_group_name", g))
        .orElse(Text.of("grammar.digest." + kind + "_name"));
  }

  /** Which digest, not yet in a language: "the daily digest", "the weekly digest of group `tier1`". */
  public Text description() {
    String kind = weekly ? "weekly" : "daily";
    return group.map(g -> Text.of("grammar.digest." + kind + "_of_group", g)).orElse(Text.of("grammar.digest." + kind));
  }
}
