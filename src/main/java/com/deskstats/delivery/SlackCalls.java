package com.deskstats.delivery;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The Slack calls the digest, the alerts and the export make, with one retry policy: 429 waits Retry-After (capped),
 * 5xx, network faults and Slack's transient errors back off exponentially (bounded attempts); everything else
 * (channel_not_found, not_in_channel, invalid_auth…) fails at once as a permanent {@link SlackFailure}.
 */
public final class SlackCalls {

  /** Errors at HTTP 200 that a later attempt may not see. */
  private static final Set<String> TRANSIENT = Set.of(
      "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited");

  /** The message was posted: its ts, the channel's id as Slack resolved it, and how many attempts it took. */
  public record Posted(String ts, String channelId, int attempts) {}

  private final MethodsClient client;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxWait;

  public SlackCalls(MethodsClient client, Sleeper sleeper) {
    this(client, sleeper, 5, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** The calls over {@code client} with the default retry policy and real waits. */
  public static SlackCalls of(MethodsClient client) {
    return new SlackCalls(client, Sleeper.REAL);
  }

  /** The id of the bot's direct-message channel with {@code userId} (conversations.open; needs im:write). */
  public String openDm(String userId) throws SlackFailure {
    com.slack.api.methods.request.conversations.ConversationsOpenRequest req =
        com.slack.api.methods.request.conversations.ConversationsOpenRequest.builder()
            .users(List.of(userId)).returnIm(false).build();
    return call(() -> client.conversationsOpen(req)).getChannel().getId();
  }

  /**
   * @param maxAttempts attempts per call, at least 1
   * @param baseBackoff the first backoff; doubles per attempt
   * @param maxWait the longest single wait (a larger Retry-After is capped to it)
   */
  public SlackCalls(MethodsClient client, Sleeper sleeper, int maxAttempts, Duration baseBackoff, Duration maxWait) {
    this.client = client;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.baseBackoff = baseBackoff;
    this.maxWait = maxWait;
  }

  /** Posts a message to a channel (an id, or a name Slack resolves). */
  public Posted post(String channel, String text, List<LayoutBlock> blocks) throws SlackFailure {
    return send(channel, null, text, blocks);
  }

  /** Replies in the thread of the message {@code threadTs} (e.g. an alert's recovery note); not sent to the channel. */
  public Posted postInThread(String channel, String threadTs, String text, List<LayoutBlock> blocks) throws SlackFailure {
    return send(channel, threadTs, text, blocks);
  }

  private Posted send(String channel, String threadTs, String text, List<LayoutBlock> blocks) throws SlackFailure {
    ChatPostMessageRequest req = ChatPostMessageRequest.builder()
        .channel(channel).threadTs(threadTs).text(text).blocks(blocks.isEmpty() ? null : blocks)
        .unfurlLinks(false).unfurlMedia(false).build();
    int[] attempts = {0};
    ChatPostMessageResponse r = call(() -> {
      attempts[0]++;
      return client.chatPostMessage(req);
    });
    return new Posted(r.getTs(), r.getChannel() == null ? channel : r.getChannel(), attempts[0]);
  }

  /** Uploads a file (the chart PNG, a CSV) to the channel through files.getUploadURLExternal + files.completeUploadExternal. */
  public void upload(String channelId, byte[] png, String filename, String title) throws SlackFailure {
    FilesUploadV2Request req = FilesUploadV2Request.builder()
        .channel(channelId).fileData(png).filename(filename).title(title).requestFileInfo(false).build();
    call(() -> {
      try {
        return client.filesUploadV2(req);
      } catch (SlackFilesUploadV2Exception e) {
        throw new UploadStepFailed(e);
      }
    });
  }

  private interface Call<T> {
    T run() throws IOException, SlackApiException, UploadStepFailed;
  }

  /** One step of the external upload flow answered an error; carries Slack's code when there is one. */
  private static final class UploadStepFailed extends Exception {
    final String code;

    UploadStepFailed(SlackFilesUploadV2Exception e) {
      super(e);
      String c = null;
      for (var r : e.getGetURLResponses()) if (!r.isOk()) c = r.getError();
      if (c == null && e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) c = e.getCompleteResponse().getError();
      if (c == null) {
        for (var r : e.getUploadResponses().values()) if (r.getCode() != 200) c = "http_" + r.getCode();
      }
      code = c == null ? "upload_failed" : c;
    }
  }

  private <T extends SlackApiTextResponse> T call(Call<T> call) throws SlackFailure {
    for (int attempt = 1; ; attempt++) {
      String code;
      boolean retryable;
      Duration wait = backoff(attempt);
      Throwable cause = null;
      try {
        T r = call.run();
        if (r.isOk()) return r;
        code = r.getError() == null ? "unknown_error" : r.getError();
        retryable = TRANSIENT.contains(code);
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        cause = e;
        if (status == 429) {
          code = "ratelimited";
          retryable = true;
          wait = retryAfter(e.getResponse().header("Retry-After"));
        } else {
          code = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : "http_" + status;
          retryable = status >= 500;
        }
      } catch (IOException e) {
        code = "network";
        retryable = true;
        cause = e;
      } catch (RuntimeException e) {
        // The SDK fails this way on an empty or garbled body (a cut connection): transient, like a network fault.
        code = "bad_response";
        retryable = true;
        cause = e;
      } catch (UploadStepFailed e) {
        code = e.code;
        retryable = TRANSIENT.contains(code) || code.startsWith("http_5") || code.equals("upload_failed");
        cause = e.getCause();
      }
      if (!retryable) throw new SlackFailure(code, true, attempt, cause);
      if (attempt >= maxAttempts) throw new SlackFailure(code, false, attempt, cause);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlackFailure(code, false, attempt, e);
      }
    }
  }

  private Duration backoff(int attempt) {
    Duration d = baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    return d.compareTo(maxWait) > 0 ? maxWait : d;
  }

  private Duration retryAfter(String header) {
    long seconds = 1;
    if (header != null) {
      try {
        seconds = Math.max(1, Long.parseLong(header.trim()));
      } catch (NumberFormatException e) {
        seconds = 1;
      }
    }
    Duration d = Duration.ofSeconds(seconds);
    return d.compareTo(maxWait) > 0 ? maxWait : d;
  }
}
