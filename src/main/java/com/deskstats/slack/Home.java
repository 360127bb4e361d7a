package com.deskstats.slack;

import static com.slack.api.model.block.Blocks.divider;

import com.deskstats.desk.DeskException;
import com.deskstats.ops.RequestIds;
import com.deskstats.stats.AgentCard;
import com.deskstats.stats.Period;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
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

/**
 * The App Home tab, always of the whole team: yesterday's team report and, when the viewer is a Desk agent (linked or
 * by e-mail), their own card; in the viewer's language ({@link Locales}).
 */
final class Home {
  private static final Logger log = LoggerFactory.getLogger(Home.class);

  /** The Home tab holds at most this many blocks. */
  static final int BLOCK_LIMIT = 100;

  private final Answers answers;
  private final Background background;
  private final Access access;
  private final Locales locales;

  /** Non-viewers (BOT_VIEWERS) see their own card only, with the sentence that says who grants access. */
  Home(Answers answers, Background background, Access access, Locales locales) {
    this.answers = answers;
    this.background = background;
    this.access = access;
    this.locales = locales;
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
    Language lang = locales.of(client, user);
    List<LayoutBlock> blocks = new ArrayList<>();
    String outcome = "ok";
    Access.Verdict verdict = access.allowedAtOnce(user) ? Access.Verdict.ALLOWED : access.mayView(client, user);
    boolean ok;
    if (verdict == Access.Verdict.ALLOWED) {
      Answer team = answers.report(yesterday, false, lang);
      blocks.addAll(withoutButtons(team.message().blocks()));
      if (!team.ok()) outcome = team.outcome();
      ok = team.ok();
    } else {
      blocks.addAll(Replies.mrkdwn(Access.sentence(verdict, lang)).blocks());
      outcome = "refused";
      ok = true;
    }
    SlackUsers.Agent agent = ok ? answers.users().agent(client, user, true) : null;
    if (agent instanceof SlackUsers.Agent.Found f) {
      try {
        Optional<AgentCard> card = answers.reports().card(yesterday, f.agentId());
        if (card.isPresent()) {
          Texts t = Texts.of(lang);
          List<LayoutBlock> cardBlocks = withoutButtons(Answers.found(
              ReportBlocks.card(card.get(), answers.options(false, false, lang)), t.render(f.how()), t).blocks());
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
