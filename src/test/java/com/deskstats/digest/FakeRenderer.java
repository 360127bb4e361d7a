package com.deskstats.digest;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import java.util.List;

/**
 * A renderer for the digest tests: its text names the period, its blocks name it too and then label it in the
 * digest's language, and its chart is a few fixed bytes.
 */
final class FakeRenderer {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  private FakeRenderer() {}

  static Renderer renderer() {
    return (report, today, now, language) -> new Renderer.Rendered("Desk digest for " + report.period().token(),
        List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*Digest* " + report.period().token()))),
            Blocks.section(s -> s.text(BlockCompositions.markdownText(report.period().label(language))))),
        PNG);
  }
}
