package com.deskstats.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.text.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Desk failure reads in the reader's language; the English sentence (logs, digest records) stays as it was. */
class DeskErrorsLanguageTest {

  @Test
  void aRefusedCodeReadsInChineseWithTheCodeUngrouped() {
    DeskException e = DeskErrors.refused(141000);
    assertThat(e.getMessage()).isEqualTo("The application in DESK_SDKAPPID is not a Desk (smart customer service) "
        + "application (error 141000): check DESK_SDKAPPID and DESK_REGION.");
    assertThat(e.userMessage(Language.EN)).isEqualTo(e.getMessage());
    assertThat(e.userMessage(Language.ZH))
        .isEqualTo("DESK_SDKAPPID 对应的应用不是 Desk（智能客服）应用（错误 141000）：请检查 DESK_SDKAPPID 和 DESK_REGION。");
    assertThat(DeskErrors.refused(123456).userMessage(Language.ZH)).startsWith("Desk 以错误 123456 拒绝了请求");
    assertThat(DeskErrors.refused(123456).getMessage()).startsWith("Desk refused the request with error 123456: ");
  }

  @Test
  void retriesSpentReadInBothLanguages() {
    DeskException limited = DeskErrors.exhausted(141009, 4);
    assertThat(limited.getMessage())
        .isEqualTo("Desk is rate-limiting requests (error 141009) and still was after 4 attempts: try again in a minute.");
    assertThat(limited.userMessage(Language.ZH)).isEqualTo("Desk 正在限流（错误 141009），重试 4 次后仍然如此：请一分钟后再试。");
    DeskException down = DeskErrors.unreachable("Desk at console.tim.qq.com", "timeout", 3);
    assertThat(down.getMessage()).isEqualTo("Desk at console.tim.qq.com could not be reached (timeout) after 3 attempts: "
        + "check DESK_REGION, DESK_API_URL and the network, or try again later.");
    assertThat(down.userMessage(Language.ZH))
        .isEqualTo("尝试 3 次后仍无法连接 Desk at console.tim.qq.com（timeout）：请检查 DESK_REGION、DESK_API_URL 和网络，或稍后再试。");
  }

  @Test
  void aSentenceWrittenOnlyInEnglishReadsAsWhatItsKindMeans() {
    for (DeskException.Kind kind : DeskException.Kind.values()) {
      DeskException e = new DeskException(kind, 0, "Only English here.");
      assertThat(e.userMessage(Language.EN)).isEqualTo("Only English here.");
      assertThat(e.userMessage(Language.ZH)).as(kind.name()).doesNotContain("Only English").containsPattern("[\\u4e00-\\u9fff]");
    }
    assertThat(new DeskException(DeskException.Kind.UNAVAILABLE, 0, "x").userMessage(Language.ZH))
        .isEqualTo("暂时无法连接 Desk：请几分钟后再试。");
  }

  @Test
  void everyRefusedCodeHasAChineseSentence() {
    for (int code : List.of(70003, 60004, 141000, 141004, 60002, 60006, 60010, 60016, 60020, 60021, 70001, 99999)) {
      String zh = DeskErrors.refused(code).userMessage(Language.ZH);
      assertThat(zh).as("%s", code).contains(String.valueOf(code)).containsPattern("[\\u4e00-\\u9fff]").endsWith("。");
    }
  }
}
