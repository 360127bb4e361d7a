package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.divider;

import com.deskstats.desk.DeskException;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Period;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The App Home tab: yesterday's team report and, when the viewer's e-mail is a Desk agent, their own card. */
final class Home {
  private static final Logger log = LoggerFactory.getLogger(Home.class);

  /** The Home tab holds at most this many blocks. */
  static final int BLOCK_LIMIT = 100;

  private final Answers answers;
  private final Background background;

  Home(Answers answers, Background background) {
    this.answers = answers;
    this.background = background;
  }

  /** Publishes the user's Home in the background. */
  void opened(MethodsClient client, String user) {
    if (!background.submit("home", "home", RequestIds.next(), () -> Background.Done.sent(publish(client, user)), () -> { })) {
      log.warn("home dropped: executor busy or stopping");
    }
  }

  private String publish(MethodsClient client, String user) throws IOException, SlackApiException {
    LocalDate today = answers.reports().today();
    Period yesterday = Period.day(today.minusDays(1));
    List<LayoutBlock> blocks = new ArrayList<>();
    String outcome = "ok";
    Answer team = answers.report(yesterday, false);
    blocks.addAll(withoutButtons(team.message().blocks()));
    if (!team.ok()) outcome = team.outcome();
    SlackUsers.Email email = team.ok() ? answers.users().email(client, user, true) : null;
    if (email instanceof SlackUsers.Email.Found f) {
      try {
        Optional<AgentCard> card = answers.reports().card(yesterday, f.email());
        if (card.isPresent()) {
          List<LayoutBlock> cardBlocks = withoutButtons(ReportBlocks.card(card.get(), answers.options(false, false)).blocks());
          if (blocks.size() + 1 + cardBlocks.size() <= BLOCK_LIMIT) {
            blocks.add(divider());
            blocks.addAll(cardBlocks);
          }
        }
      } catch (DeskException e) {
        log.warn("Desk failed for the Home card: {} ({})", e.kind(), e.code());
      }
    }
    List<LayoutBlock> view = blocks.size() > BLOCK_LIMIT ? blocks.subList(0, BLOCK_LIMIT) : blocks;
    ViewsPublishResponse r = client.viewsPublish(b -> b.userId(user).view(View.builder().type("home").blocks(view).build()));
    if (!r.isOk()) {
      log.warn("views.publish failed: {}", r.getError());
      return "slack_error";
    }
    return outcome;
  }

  /** Drops action blocks: the Home shows reports without buttons. */
  private static List<LayoutBlock> withoutButtons(List<LayoutBlock> blocks) {
    return blocks.stream().filter(b -> !"actions".equals(b.getType())).toList();
  }
}
