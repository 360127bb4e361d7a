package com.deskstats.delivery;

import com.deskstats.text.Texts;
import java.util.List;

/** Whole sentences one after another, as the language writes them: a space between them in English, none in Chinese. */
public final class Sentences {
  private Sentences() {}

  /** The sentences in order; none gives "". */
  public static String join(Texts x, List<String> sentences) {
    String out = "";
    for (String s : sentences) out = out.isEmpty() ? s : x.get("posts.sentences", out, s);
    return out;
  }

  /** Two sentences in order. */
  public static String join(Texts x, String first, String second) {
    return join(x, List.of(first, second));
  }
}
