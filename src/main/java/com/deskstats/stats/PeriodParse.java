package com.deskstats.stats;

import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;

/** What {@code PeriodParser.parse} makes of a text: a period, or one sentence saying what is wrong. */
public sealed interface PeriodParse {

  /** The text named a valid period. */
  record Parsed(Period period) implements PeriodParse {}

  /** The text is not a period a report can cover; {@code text} says why, in the reader's language once rendered. */
  record Invalid(Text text) implements PeriodParse {
    /** The sentence in English (terminal output, logs). */
    public String sentence() {
      return sentence(Texts.of(Language.EN));
    }

    /** The sentence in the reader's language. */
    public String sentence(Texts texts) {
      return texts.render(text);
    }
  }
}
