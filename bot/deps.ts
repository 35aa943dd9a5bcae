import type { Bot, Context } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { Account, Channel } from "../models/account.js";
import type { Stores } from "../models/index.js";
import type { DecodeResult } from "../services/qr/decode-qr.js";
import type { CodeVerifier } from "../services/registry/verify-code.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";

/** Everything the bot's features need, passed in so tests and other channels can supply their own. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  stores: Stores;
  /** The QR decoder: the worker pool in production, decodeQr itself in tests. */
  decoder: { decode(bytes: Uint8Array): Promise<DecodeResult> };
  directory: WardDirectory;
  verifier: CodeVerifier;
  clock: () => Date;
  /** The channel this bot speaks on (default telegram); Zalo presents itself to grammY as a bot too. */
  channel?: Channel;
  /** Bytes of a file the user sent, by the channel's file id; createBot supplies the Telegram one when absent. */
  downloadFile?: (fileId: string) => Promise<Buffer>;
}

/**
 * What the plumbing gives every update before the features see it: the sender's stored
 * account, loaded once (updates without a sender stop before the features), and a logger
 * naming the channel and the update.
 */
export interface UpdateFlavor {
  account: Account;
  logger: Logger;
}

/**
 * The context inside conversations: i18n, the logger and the part of the account a replay
 * can carry (recorded with the step, so a replay reads no database).
 */
export type InnerContext = Context & I18nFlavor & { account: Pick<Account, "id" | "locale">; logger: Logger };
export type BotContext = ConversationFlavor<Context & I18nFlavor & UpdateFlavor>;

/** Deps after createBot filled in the channel's own parts. */
export type FeatureDeps = BotDeps & { downloadFile: (fileId: string) => Promise<Buffer> };

/** The officers' composers (the deadline policy is read from the stores where it applies). */
export type OfficerDeps = Pick<FeatureDeps, "stores" | "clock" | "logger" | "config"> & Partial<Pick<FeatureDeps, "directory">>;

/**
 * What the app hands a channel (app/ assembles it, so bot/ imports nothing above it): the shared
 * decoder, directory, verifier and clock, the texts for what a channel says outside an update,
 * and the metrics that count its updates.
 */
export type ChannelCore = Pick<BotDeps, "decoder" | "directory" | "verifier" | "clock"> & {
  t: (locale: string, key: string, args?: Record<string, string>) => string;
  metrics: { instrumentBot<C extends Context>(bot: Bot<C>, channel: string): void };
};

/** Puts the features on an assembled bot, the fallback last; app/ decides which, per channel. */
export type InstallFeatures = (bot: Bot<BotContext>, deps: FeatureDeps) => void;
