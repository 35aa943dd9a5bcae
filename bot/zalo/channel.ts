import type { Bot, Context } from "grammy";
import type { Connection } from "mongoose";
import { accountStore, type Account } from "../../models/account.js";
import { zaloInboxStore } from "../../models/zalo-inbox.js";
import { zaloLeaseStore, type ZaloLeaseStore } from "../../models/zalo-lease.js";
import { zaloTokenStore } from "../../models/zalo-token.js";
import { zaloUserStore, type ZaloUserStore } from "../../models/zalo-user.js";
import type { ZaloConfig } from "../../platform/config.js";
import type { Logger } from "../../platform/logger.js";
import type { ZaloWebhookDeps } from "./inbound/webhook.js";
import { renderResidentMessage, residentButtons, type ChannelSender, type ResidentMessage } from "../../services/notify/resident-message.js";
import { defaultRetryPolicy, type RetryTiming } from "../outbound-retry.js";
import { bridgeZaloBot } from "./bot.js";
import { zaloMenu } from "./outbound/buttons.js";
import { createZaloClient, type ZaloButton, type ZaloClient } from "./outbound/client.js";
import { zaloUserOf, type ZaloEvent } from "./inbound/events.js";
import { createZaloInboxWorker } from "./inbound/inbox-worker.js";
import { createZaloSender, type ZaloQuotaPolicy, type ZaloSender } from "./outbound/sender.js";
import { createZaloTokenManager } from "./outbound/tokens.js";
import { zaloTransformer } from "./outbound/transformer.js";

export type Translate = (locale: string, key: string, args?: Record<string, string>) => string;

export interface ZaloOutboundDeps {
  config: ZaloConfig;
  conn: Connection;
  logger: Logger;
  t: Translate;
  clock: () => Date;
  policy?: ZaloQuotaPolicy;
  /** The retries' sleep, clock and jitter (tests: a sleep that does not wait). */
  retryTiming?: RetryTiming;
}

/**
 * Zalo's sending half, built before any bot: tokens, client, the quota-aware sender, the
 * grammY transformer the Zalo bot is built with, and the outbox's sender for Zalo accounts.
 */
export function createZaloOutbound(d: ZaloOutboundDeps) {
  const leases = zaloLeaseStore(d.conn);
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
    clock: d.clock,
  });
  const client = createZaloClient({ apiRoot: d.config.apiRoot, tokens, retry: defaultRetryPolicy(d.retryTiming) });
  const sender = createZaloSender({ client, users, policy: d.policy, clock: d.clock });
  // grammY handlers know a Zalo resident by the integer alias, so the account is keyed by it too.
  const localeOf = async (chatId: number) => (await accounts.ensure("zalo", String(chatId))).locale;

  async function notifyAccount(externalId: string, text: string, buttons?: ZaloButton[]) {
    const zaloUserId = await users.idOfChat(Number(externalId));
    if (!zaloUserId) throw new Error(`no Zalo user behind account ${externalId}`);
    return sender.notify(zaloUserId, text, buttons);
  }

  return {
    client,
    sender,
    users,
    leases,
    localeOf,
    /** The Zalo bot's transport (createBot's `transport`): its Bot API calls are answered from Zalo. */
    transport: { name: `zalo-oa-${d.config.appId}`, transformer: zaloTransformer({ client, sender, users, localeOf, t: d.t, clock: d.clock }) },
    /** Whether the stored refresh token still works: false once Zalo refused it (for /readyz). */
    tokenStatus: tokens.status,
    /** A notification to a Zalo account (externalId = the alias): sent now if allowed, else held for the resident's next message. */
    notifyAccount,
    /** The outbox's sender for Zalo accounts. A held message counts as delivered: it goes out with the resident's next message. */
    residentSender: {
      async send(account: Account, message: ResidentMessage): Promise<void> {
        const t = (key: string, args?: Record<string, string>) => d.t(account.locale, key, args);
        // A closing's rating and "not fixed" buttons become Zalo query buttons, answered by the same handlers.
        const buttons = residentButtons(message, t).map((b) => [{ text: b.text, callback_data: b.data }]);
        await notifyAccount(account.externalId, renderResidentMessage(message, t), zaloMenu({ inline_keyboard: buttons }).buttons);
      },
    } satisfies ChannelSender,
    /** Creates the indexes (the alias one must be unique before the first event). */
    async syncIndexes(): Promise<void> {
      for (const s of [leases, users, tokenStore]) await s.syncIndexes();
    },
  };
}

export type ZaloOutbound = ReturnType<typeof createZaloOutbound>;

export interface ZaloInboundDeps<C extends Context> {
  config: ZaloConfig;
  conn: Connection;
  logger: Logger;
  t: Translate;
  clock: () => Date;
  /** The assembled Zalo bot (built with `outbound.transport`). */
  bot: Bot<C>;
  outbound: { client: ZaloClient; sender: ZaloSender; users: ZaloUserStore; leases: ZaloLeaseStore; localeOf: (chatId: number) => Promise<string> };
}

/**
 * Zalo's receiving half: the webhook's inbox and the worker that feeds stored events to the
 * bot. Register `registerZaloWebhook(app, inbound.webhook)`; start the worker once it listens.
 */
export function createZaloInbound<C extends Context>(d: ZaloInboundDeps<C>) {
  const inbox = zaloInboxStore(d.conn);
  const { sender, users, localeOf, client } = d.outbound;
  const bridge = bridgeZaloBot(d.bot, { sender, users, client, localeOf, t: d.t, logger: d.logger, clock: d.clock });
  const worker = createZaloInboxWorker({
    inbox,
    leases: d.outbound.leases,
    process: bridge.processEvent,
    logger: d.logger,
    clock: d.clock,
    // One conversation step at a time per resident, across instances.
    serializeBy: (entry) => zaloUserOf(entry.event as unknown as ZaloEvent),
  });
  const webhook: ZaloWebhookDeps = { appId: d.config.appId, oaSecretKey: d.config.oaSecretKey, inbox, onStored: () => void worker.drain(), clock: d.clock };
  return {
    inbox,
    worker,
    webhook,
    /** Creates the inbox's indexes (its keys must be unique before the first event). */
    syncIndexes: () => inbox.syncIndexes(),
  };
}

export type ZaloInbound = ReturnType<typeof createZaloInbound<Context>>;
