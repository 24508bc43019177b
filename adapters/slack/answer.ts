/**
 * Showing the core's answer to an interaction: a form opens as a modal on the interaction's `trigger_id`, anything
 * else goes back through the `response_url` (`respond()`), ephemeral unless the reply says "channel". Where Slack
 * gives no `response_url` (the Home tab, a modal) the answer arrives as a DM from the app.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { renderMessage, renderPost } from './render.ts';
import { renderHome, renderModal } from './render-view.ts';
import { uploadToDm } from './uploads.ts';
import { describe } from './users.ts';

/** Where an interaction can be answered. */
export interface AnswerTarget {
  readonly userId: string;
  readonly respond?: RespondFn;
  /** Valid for 3 seconds after the interaction: enough for the core, which answers in milliseconds. */
  readonly triggerId?: string;
  /** The interaction came from inside a modal: a new form is pushed onto it (`views.open` would be refused). */
  readonly inModal?: boolean;
}

export class Answerer {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  /** Shows `reply` to the member behind an interaction. Failures are logged, never thrown: the ack already went. */
  async answer(reply: Reply, target: AnswerTarget): Promise<void> {
    await this.show(reply, target);
    await this.upload(reply, target.userId);
  }

  private async show(reply: Reply, target: AnswerTarget): Promise<void> {
    try {
      if (reply.form && target.triggerId) {
        const opened = await this.openForm(reply, target.triggerId, target.inModal === true);
        if (opened) return;
      }
      const message = renderMessage(reply);
      if (target.respond) {
        await target.respond({
          ...message,
          response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
          replace_original: reply.replaceOriginal === true,
        });
        return;
      }
      await this.client.chat.postMessage({ channel: target.userId, ...message });
    } catch (error) {
      this.log.error({ userId: target.userId, error: describe(error) }, 'could not show a reply on Slack');
    }
  }

  /** DMs the member (posting to a user id reaches the app's Messages tab without `conversations.open`). */
  async dm(userId: string, reply: Reply): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: userId, ...renderPost(reply) });
    } catch (error) {
      this.log.error({ userId, error: describe(error) }, 'could not DM a reply on Slack');
    }
    await this.upload(reply, userId);
  }

  /** The reply's files, to the member's DM with the app (logged, never thrown). */
  async upload(reply: Reply, userId: string): Promise<void> {
    if (!reply.files?.length) return;
    try {
      await uploadToDm(this.client, userId, reply.files);
    } catch (error) {
      this.log.error({ userId, error: describe(error) }, 'could not upload files on Slack');
    }
  }

  /** Publishes the member's App Home tab. */
  async publishHome(userId: string, reply: Reply): Promise<void> {
    try {
      await this.client.views.publish({ user_id: userId, view: renderHome(reply) });
    } catch (error) {
      this.log.error({ userId, error: describe(error) }, 'could not publish the App Home');
    }
  }

  /** Opens the reply's form; false when Slack refused (an expired trigger), so the text is shown instead. */
  private async openForm(reply: Reply, triggerId: string, push: boolean): Promise<boolean> {
    if (!reply.form) return false;
    try {
      const args = { trigger_id: triggerId, view: renderModal(reply.form) };
      await (push ? this.client.views.push(args) : this.client.views.open(args));
      return true;
    } catch (error) {
      this.log.warn({ formId: reply.form.formId, error: describe(error) }, 'opening a form failed; answering in text');
      return false;
    }
  }
}
