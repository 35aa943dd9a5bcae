import type { Context } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Config } from "../platform/config.js";
import type { Logger } from "../platform/logger.js";
import type { Channel } from "../models/account.js";
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

/** The context inside conversations: i18n is installed there too. */
export type InnerContext = Context & I18nFlavor;
export type BotContext = ConversationFlavor<Context & I18nFlavor>;

/** Deps after createBot filled in the channel's own parts. */
export type FeatureDeps = BotDeps & { downloadFile: (fileId: string) => Promise<Buffer> };

/** The officers' composers (the deadline policy is read from the stores where it applies). */
export type OfficerDeps = Pick<FeatureDeps, "stores" | "clock" | "logger" | "config">;
