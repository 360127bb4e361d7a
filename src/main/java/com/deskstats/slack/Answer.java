package com.deskstats.slack;

/** A rendered reply and its outcome for metrics; {@code ok} is false for every refusal or failure. */
record Answer(ReportBlocks.Message message, String outcome) {

  static Answer of(String mrkdwn, String outcome) {
    return new Answer(Replies.mrkdwn(mrkdwn), outcome);
  }

  boolean ok() {
    return outcome.equals("ok");
  }
}
