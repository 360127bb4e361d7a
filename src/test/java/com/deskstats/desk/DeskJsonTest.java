package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.testing.DeskFakes;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeskJsonTest {

  private final JsonAdapter<DeskResponse> response = DeskJson.moshi().adapter(DeskResponse.class);
  private final JsonAdapter<DeskRequest> request = DeskJson.moshi().adapter(DeskRequest.class);

  @Test
  void readsTheDocumentedSampleWithAllTwentyFourFields() throws Exception {
    String body = """
        {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","TotalCount":5,"Data":[{
          "AgentId":"1289316652@qq.com","AgentNickName":"Meimei","FirstLoginTimestamp":1738923814,
          "LastLogoutTimestamp":1738934235,"FreeTime":3600,"BusyTime":300,"RestTime":600,"TotalSessionCnt":12,
          "TransferSessionCnt":0,"EffectiveSessionCnt":8,"AgentEndCnt":10,"ServeUserCnt":10,"TotalAcceptTime":1527,
          "TotalMsgCnt":450,"AgentMsgCnt":200,"UserMsgCnt":150,"NotRespSessionCnt":2,"AvgFirstRespTime":10,
          "FirstRespUnder30sCnt":9,"AvgRespTime":25,"AvgRespUnder30sCnt":8,"AvgAcceptTime":300,
          "SatisfactionSelectedCnt":8,"SatisfiedCnt":6}]}""";

    DeskResponse r = response.fromJson(body);

    assertThat(r.actionStatus()).isEqualTo("OK");
    assertThat(r.totalCount()).isEqualTo(5);
    assertThat(r.data()).containsExactly(new AgentRow("1289316652@qq.com", "Meimei", 1738923814, 1738934235, 3600,
        300, 600, 12, 0, 8, 10, 10, 1527, 450, 200, 150, 2, 10, 9, 25, 8, 300, 8, 6));
  }

  @Test
  void missingNumbersAreZeroAndMissingStringsEmpty() throws Exception {
    DeskResponse r = response.fromJson("{\"ErrorCode\":0,\"Data\":[{\"AgentId\":\"a\",\"TotalSessionCnt\":3,\"New\":{\"x\":1}}]}");

    assertThat(r.actionStatus()).isEmpty();
    assertThat(r.errorInfo()).isEmpty();
    assertThat(r.totalCount()).isZero();
    AgentRow row = r.data().get(0);
    assertThat(row.agentNickName()).isEmpty();
    assertThat(row.totalSessionCnt()).isEqualTo(3);
    assertThat(row.satisfiedCnt()).isZero();
  }

  @Test
  void moshisOwnRecordAdapterWouldRejectAMissingField() {
    // Why RecordAdapterFactory exists: Moshi 1.15 reads records but insists on every primitive field.
    JsonAdapter<AgentRow> plain = new com.squareup.moshi.Moshi.Builder().build().adapter(AgentRow.class);
    assertThatThrownBy(() -> plain.fromJson("{\"AgentId\":\"a\"}")).isInstanceOf(JsonDataException.class);
  }

  @Test
  void nullFieldsAndMissingDataTakeDefaults() throws Exception {
    DeskResponse r = response.fromJson("{\"ErrorCode\":70001,\"ErrorInfo\":null,\"TotalCount\":null}");

    assertThat(r.errorCode()).isEqualTo(70001);
    assertThat(r.errorInfo()).isEmpty();
    assertThat(r.data()).isEmpty();
  }

  @Test
  void agentIdsAreLeftOutWhenEveryAgentIsWanted() {
    assertThat(request.toJson(DeskRequest.page(1736697600L, 1736783999L, 100, 200, Set.of())))
        .isEqualTo("{\"From\":1736697600,\"To\":1736783999,\"Limit\":100,\"Offset\":200}");
    assertThat(request.toJson(DeskRequest.page(1, 2, 100, 0, List.of("a@x.com"))))
        .isEqualTo("{\"From\":1,\"To\":2,\"Limit\":100,\"Offset\":0,\"AgentIds\":[\"a@x.com\"]}");
  }

  @Test
  void rowsSurviveARoundTrip() throws Exception {
    List<AgentRow> team = DeskFakes.team(3);
    assertThat(response.fromJson(DeskFakes.okPage(3, team)).data()).isEqualTo(team);
  }

  @Test
  void notJsonIsAnError() {
    assertThatThrownBy(() -> response.fromJson("<html>bad gateway</html>")).isInstanceOf(JsonEncodingException.class);
    assertThatThrownBy(() -> response.fromJson("{\"ErrorCode\":\"zero\"}")).isInstanceOf(JsonDataException.class);
  }
}
