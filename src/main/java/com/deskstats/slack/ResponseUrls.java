package com.deskstats.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Posts replies to a {@code response_url} with the Slack client's OkHttp and one shared Gson. Bolt's own
 * {@code respond} builds a new Gson for every post, which was most of the reply path's CPU under load.
 */
final class ResponseUrls {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final Gson gson;

  ResponseUrls(Slack slack) {
    this.http = slack.getHttpClient().getOkHttpClient();
    this.gson = GsonFactory.createSnakeCase(slack.getConfig());
  }

  /** Posts {@code body} (a SlashCommandResponse or ActionResponse) as snake_case JSON; throws on a non-2xx answer. */
  void post(String url, Object body) throws IOException {
    Request request;
    try {
      request = new Request.Builder().url(url).post(RequestBody.create(gson.toJson(body), JSON)).build();
    } catch (IllegalArgumentException e) {
      throw new IOException("not a usable response_url", e);
    }
    try (okhttp3.Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) throw new IOException("response_url answered HTTP " + response.code());
    }
  }
}
