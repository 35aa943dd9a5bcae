import type { Bot, Context } from "grammy";
import type { Connection } from "mongoose";
import { accountStore, type Account } from "../../models/account.js";
import { zaloInboxStore, type ZaloInboxEntry } from "../../models/zalo-inbox.js";
import { zaloLeaseStore } from "../../models/zalo-lease.js";
import { zaloTokenStore } from "../../models/zalo-token.js";
import { zaloUserStore } from "../../models/zalo-user.js";
import type { ZaloConfig } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import type { ZaloWebhookDeps } from "./inbound/webhook.js";
import { renderResidentMessage, type ChannelSender, type ResidentMessage } from "../../services/notify/resident-message.js";
import { bridgeZaloBot } from "./bot.js";
import { createZaloClient } from "./outbound/client.js";
import { zaloUserOf, type ZaloEvent } from "./inbound/events.js";
import { createZaloInboxWorker } from "./inbound/inbox-worker.js";
import { createZaloSender, type ZaloQuotaPolicy } from "./outbound/sender.js";
import { createZaloTokenManager } from "./outbound/tokens.js";
import { zaloBotApiFetch } from "./outbound/transformer.js";

export interface ZaloChannelDeps {
  config: ZaloConfig;
  conn: Connection;
  logger: Logger;
  t: (locale: string, key: string, args?: Record<string, string>) => string;
  policy?: ZaloQuotaPolicy;
  clock?: () => Date;
}

/**
 * Everything the Zalo channel needs, wired: tokens, client, quota-aware sender,
 * the grammY bridge and the inbox worker. The HTTP server registers
 * `registerZaloWebhook(app, channel.webhook)`; the outbox calls `channel.sender.notify`.
 */
export function createZaloChannel(d: ZaloChannelDeps) {
  const clock = d.clock ?? (() => new Date());
  const leases = zaloLeaseStore(d.conn);
  const inbox = zaloInboxStore(d.conn);
  const users = zaloUserStore(d.conn);
  const tokenStore = zaloTokenStore(d.conn);
  const accounts = accountStore(d.conn);
  const tokens = createZaloTokenManager({
    appId: d.config.appId,
    appSecret: d.config.appSecret,
    oauthRoot: d.config.oauthRoot,
    initialRefreshToken: d.config.initialRefreshToken,
    store: tokenStore,
    leases,
    logger: d.logger,
    clock,
  });
  const client = createZaloClient({ apiRoot: d.config.apiRoot, tokens });
  const sender = createZaloSender({ client, users, policy: d.policy, clock });
  // grammY handlers know a Zalo resident by the integer alias, so the account is keyed by it too.
  const localeOf = async (zaloUserId: string) => (await accounts.ensure("zalo", String((await users.ensure(zaloUserId)).chatId))).locale;
  let processEvent: ((entry: ZaloInboxEntry) => Promise<void>) | undefined;
  const worker = createZaloInboxWorker({
    inbox,
    leases,
    process: (entry) => {
      if (!processEvent) throw new Error("no bot attached to the Zalo channel yet");
      return processEvent(entry);
    },
    logger: d.logger,
    clock,
    // One conversation step at a time per resident, across instances.
    serializeBy: (entry) => zaloUserOf(entry.event as unknown as ZaloEvent),
  });
  const webhook: ZaloWebhookDeps = { appId: d.config.appId, oaSecretKey: d.config.oaSecretKey, inbox, onStored: () => void worker.drain(), clock };

  async function notifyAccount(externalId: string, text: string) {
    const user = await users.byChatId(Number(externalId));
    if (!user) throw new Error(`no Zalo user behind account ${externalId}`);
    return sender.notify(user.zaloUserId, text);
  }

  return {
    /** The `client.fetch` to build the Zalo bot with: its Bot API calls are answered from Zalo. */
    fetch: zaloBotApiFetch({ client, sender, users, localeOf, t: d.t }),
    /**
     * Connects the assembled bot (createBot + installFeatures with `channel: "zalo"`,
     * `downloadFile: zaloFileDownloader()`, `botInfo: ZALO_BOT_INFO`, `client.fetch: fetch`).
     */
    attach<C extends Context>(bot: Bot<C>): void {
      processEvent = bridgeZaloBot(bot, { sender, users, localeOf, t: d.t, logger: d.logger }).processEvent;
    },
    client,
    sender,
    users,
    worker,
    webhook,
    /** A notification to a Zalo account (externalId = the alias): sent now if allowed, else held for the resident's next message. */
    notifyAccount,
    /** The outbox's sender for Zalo accounts. A held message counts as delivered: it goes out with the resident's next message. */
    residentSender: {
      async send(account: Account, message: ResidentMessage): Promise<void> {
        const t = (key: string, args?: Record<string, string>) => d.t(account.locale, key, args);
        await notifyAccount(account.externalId, renderResidentMessage(message, t));
      },
    } satisfies ChannelSender,
    /** Creates the channel's indexes (the inbox and alias ones must be unique before the first event). */
    async syncIndexes(): Promise<void> {
      for (const s of [leases, inbox, users, tokenStore]) await s.syncIndexes();
    },
  };
}

export type ZaloChannel = ReturnType<typeof createZaloChannel>;
