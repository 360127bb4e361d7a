package com.deskstats.digest;

import com.deskstats.delivery.Sentences;
import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.stats.Period;
import com.deskstats.stats.Report;
import com.deskstats.stats.ReportCsv;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import java.util.ArrayList;
import java.util.List;

/** The files that go with a posted digest: the chart, and the CSV when its subscription asks; titled in its language. */
final class Uploads {
  private Uploads() {}

  /**
   * Uploads the chart (when there is one) and the CSV (when asked) to the channel the digest went to.
   *
   * @param postedChannel the channel's id as Slack answered the post (the upload needs an id, not a name)
   * @param channelId the channel as the subscription names it, for the failure sentences
   * @return what could not be uploaded, one sentence each, in no language yet; empty when everything went
   */
  static List<Text> attach(SlackCalls slack, String postedChannel, String channelId, Report report, Period period,
      byte[] chartPng, boolean csv, Texts post) {
    List<Text> notes = new ArrayList<>();
    String label = period.label(post.language());
    if (chartPng != null && chartPng.length > 0) {
      try {
        slack.upload(postedChannel, chartPng, "desk-stats-" + period.token() + ".png",
            post.get("posts.digest.chart_title", label));
      } catch (SlackFailure f) {
        notes.add(Text.of("posts.digest.chart_failed", failure(f, channelId)));
      }
    }
    if (csv) {
      try {
        slack.upload(postedChannel, ReportCsv.bytes(report), "desk-stats-" + period.token() + ".csv",
            post.get("posts.digest.csv_title", label));
      } catch (SlackFailure f) {
        notes.add(Text.of("posts.digest.csv_failed", failure(f, channelId)));
      }
    }
    return notes;
  }

  /** The notes as sentences of one language. */
  static String sentences(List<Text> notes, Texts x) {
    List<String> out = new ArrayList<>();
    for (Text t : notes) out.add(x.render(t));
    return Sentences.join(x, out);
  }

  /** A Slack failure's sentence, in whichever language it is read. */
  private static Text.Localized failure(SlackFailure f, String channelId) {
    return x -> f.sentence(channelId, x);
  }
}
