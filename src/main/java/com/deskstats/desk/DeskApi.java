package com.deskstats.desk;

import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Query;

/** Desk's describe_agent_statistics REST endpoint, as a Retrofit interface. */
public interface DeskApi {

  @POST("v4/desk_http_svc/describe_agent_statistics")
  Call<DeskResponse> describeAgentStatistics(
      @Query("sdkappid") long sdkAppId,
      @Query("identifier") String identifier,
      @Query("usersig") String userSig,
      @Query("random") long random,
      @Query("contenttype") String contentType,
      @Body DeskRequest body);

  /** A Retrofit-backed DeskApi at {@code baseUrl} (a trailing slash is added when missing). */
  static DeskApi create(String baseUrl, OkHttpClient http) {
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    return new Retrofit.Builder()
        .baseUrl(base)
        .client(http)
        .addConverterFactory(MoshiConverterFactory.create(DeskJson.moshi()))
        .build()
        .create(DeskApi.class);
  }
}
