import type { Bot, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { ZaloInboxEntry } from "../../models/zalo-inbox.js";
import type { ZaloUser, ZaloUserStore } from "../../models/zalo-user.js";
import type { Logger } from "../../platform/logger.js";
import { REFUSED_EVENTS, zaloUserOf, type ZaloEvent } from "./inbound/events.js";
import type { ZaloClient } from "./outbound/client.js";
import type { ZaloSender } from "./outbound/sender.js";
import { createUpdateIds, zaloEventToUpdate } from "./inbound/update.js";

export interface ZaloBotDeps {
  sender: ZaloSender;
  users: ZaloUserStore;
  client: Pick<ZaloClient, "getProfile">;
  /** The language of the resident behind a chat id (their account's). */
  localeOf: (chatId: number) => Promise<string>;
  t: (locale: string, key: string) => string;
  logger: Logger;
  clock: () => Date;
}

/** The identity to build the Zalo bot with (`botInfo`): Zalo has no getMe, and nothing reaches Telegram. */
export const ZALO_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Zalo OA",
  username: "zalo_oa",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** When the resident wrote: Zalo's signed timestamp, never later than now (the webhook bounds its skew). */
function writtenAt(event: ZaloEvent, now: Date): Date {
  const at = Number(event.timestamp);
  return Number.isFinite(at) && at < now.getTime() ? new Date(at) : now;
}

/**
 * Feeds stored Zalo events to an assembled bot (createBot's, with its plugins and features,
 * built with the Zalo transport), so its API calls go to Zalo. `processEvent` is the inbox
 * worker's handler for one stored event.
 */
export function bridgeZaloBot<C extends Context>(bot: Bot<C>, deps: ZaloBotDeps) {
  const nextUpdateId = createUpdateIds();

  /** The user with their Zalo display name, asked of Zalo once and kept ("" after /forgetme: never asked again). */
  async function withName(user: ZaloUser, log: Logger): Promise<ZaloUser> {
    if (user.displayName !== undefined) return user;
    try {
      const { displayName } = await deps.client.getProfile(user.zaloUserId);
      if (!displayName) return user;
      await deps.users.setDisplayName(user.zaloUserId, displayName);
      return { ...user, displayName };
    } catch (e) {
      // The greeting can do without the name; the next event asks again.
      log.warn({ err: e }, "zalo profile unavailable");
      return user;
    }
  }

  /**
   * One stored event: the user's window opens (one round trip for a known user), then the bot
   * handles the update; the resident's language is read only where the bridge itself speaks.
   */
  async function processEvent(entry: ZaloInboxEntry): Promise<void> {
    const event = entry.event as unknown as ZaloEvent;
    const userId = zaloUserOf(event);
    const log = deps.logger.child({ channel: "zalo", event: event.event_name, key: entry.key });
    if (!userId) return void log.warn("zalo event without a user");
    if (event.event_name === "unfollow") {
      await deps.users.ensure(userId);
      return deps.users.setFollowed(userId, false);
    }
    // Following or writing opens a new free reply window (from when they wrote) and releases held notifications.
    const wrote = await deps.sender.userWrote(userId, writtenAt(event, deps.clock()));
    if ((REFUSED_EVENTS as readonly string[]).includes(event.event_name)) {
      await deps.sender.deliver(userId, { kind: "text", text: deps.t(await deps.localeOf(wrote.chatId), "zalo-unsupported-media") });
      return;
    }
    const user = await withName(wrote, log);
    const anonymous = !user.displayName ? deps.t(await deps.localeOf(user.chatId), "zalo-no-name") : "";
    const update = zaloEventToUpdate(event, user, { updateId: nextUpdateId(), key: entry.key, anonymous });
    if (!update) return void log.debug("zalo event has no bot update");
    // A handler's failure stops at the bot's error boundary, which logs it and tells the resident.
    await bot.handleUpdate(update);
  }

  return { bot, processEvent };
}
