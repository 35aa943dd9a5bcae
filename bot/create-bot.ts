import { autoRetry } from "@grammyjs/auto-retry";
import { conversations, type Conversation } from "@grammyjs/conversations";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { I18n } from "@grammyjs/i18n";
import { Bot, GrammyError, type Api, type Composer, type Middleware, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { installResidentFeatures } from "../handlers/index.js";
import { telegramFileDownloader } from "./telegram/download-file.js";
import type { BotContext, BotDeps, FeatureDeps, InnerContext } from "./deps.js";
import { createI18n, localeFromTelegram } from "./i18n.js";
import { mongoConversationStorage } from "./mongo-storage.js";
import { RESIDENT_COMMANDS } from "./commands.js";

export interface CreateBotOptions {
  /** Known bot identity (tests, or a cached getMe): skips the getMe call at start. */
  botInfo?: UserFromGetMe;
  /** Telegram's per-chat pacing (about one message a second); tests turn it off to stay fast. */
  throttle?: boolean;
  /** Updates per user per window before the bot stops answering for a while. */
  rateLimit?: { limit: number; timeFrameMs: number };
  /**
   * Answers every Bot API call instead of Telegram (Zalo's bridge): installed on bot.api and, through
   * `conversation.external` so that replays do not repeat it, on every conversation's Api. `name`
   * stands where grammY wants a token; nothing is ever sent with it.
   */
  transport?: { name: string; transformer: Transformer };
}

/**
 * The bot without features: transport plumbing, error boundary, once-only updates, per-chat
 * order, rate limit, languages and durable conversations. Channels and other branches add
 * their composers with installFeatures (or their own) before the fallback.
 */
export interface AssembledBot {
  bot: Bot<BotContext>;
  deps: FeatureDeps;
  i18n: I18n<BotContext>;
}

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): AssembledBot {
  const { config, logger, stores } = deps;
  const { transport } = options;
  const token = transport?.name ?? config.botToken;
  if (!token) throw new Error("createBot needs BOT_TOKEN; without it the app runs offline");
  const bot = new Bot<BotContext>(token, { botInfo: options.botInfo, client: { apiRoot: config.telegramApiRoot } });
  if (transport) bot.api.config.use(transport.transformer);
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  if (options.throttle !== false) bot.api.config.use(apiThrottler());
  const i18n = createI18n<BotContext>(stores.accounts, config.defaultLocale, deps.channel);
  const full: FeatureDeps = { ...deps, downloadFile: deps.downloadFile ?? telegramFileDownloader(bot.api, config) };

  bot.catch(async (err) => {
    logger.error({ err: err.error, updateId: err.ctx.update.update_id }, "update failed");
    const chat = err.ctx.chat;
    if (!chat || err.error instanceof GrammyError) return;
    // ctx.t is missing when the failure came before the i18n middleware ran.
    const text = err.ctx.t?.("error-generic") ?? i18n.t(localeFromTelegram(err.ctx.from?.language_code), "error-generic");
    await err.ctx.reply(text).catch(() => undefined);
  });
  // Ordering first: the once-only claim below awaits the database, and a chat's next update
  // must not overtake it there (a location would reach the conversation before the button press).
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(async (ctx, next) => {
    // Zalo's inbox already stores each msg_id once; its update ids are only labels.
    if (deps.channel === "zalo") return next();
    if (await stores.processedUpdates.claim(deps.channel ?? "telegram", ctx.update.update_id, deps.clock())) return next();
    logger.info({ updateId: ctx.update.update_id }, "update delivered again: skipped");
  });
  const rate = options.rateLimit ?? { limit: 20, timeFrameMs: 10_000 };
  bot.use(
    limit({
      limit: rate.limit,
      timeFrame: rate.timeFrameMs,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      // Once per window (the plugin's default): a resident should know why the bot went quiet.
      onLimitExceeded: (ctx) => {
        logger.info({ updateId: ctx.update.update_id }, "rate limit reached");
        if (ctx.chat?.type === "private") void ctx.reply(i18n.t(localeFromTelegram(ctx.from?.language_code), "rate-limited")).catch(() => undefined);
      },
    }),
  );
  bot.use(i18n);
  bot.use(
    conversations<BotContext, InnerContext>({
      storage: { type: "key", version: 1, adapter: mongoConversationStorage(stores.botState, "conv:"), getStorageKey: (ctx) => ctx.chat?.id.toString() },
      plugins: (conversation) => [
        i18n as unknown as Composer<InnerContext>,
        ...(transport ? [transportIn(conversation, transport.transformer)] : []),
      ],
    }),
  );
  return { bot, deps: full, i18n };
}

/** A conversation's Api answered by `transformer`, each call recorded once and replayed from the record. */
function transportIn(conversation: Conversation<BotContext, InnerContext>, transformer: Transformer): Middleware<InnerContext> {
  return (ctx, next) => {
    ctx.api.config.use((prev, method, payload, signal) => conversation.external(() => transformer(prev, method, payload, signal)));
    return next();
  };
}

/** Installs the resident features, then `extra` (e.g. the officers' composers), then the fallback. */
export function installFeatures(bot: Bot<BotContext>, deps: FeatureDeps, ...extra: Middleware<BotContext>[]): void {
  installResidentFeatures(bot, deps, ...extra);
}

/** The command menu in both languages (Vietnamese is the default for every other language). */
export async function publishCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  for (const locale of ["vi", "en"] as const) {
    const commands = RESIDENT_COMMANDS.map((c) => ({ command: c, description: i18n.t(locale, `cmd-${c}`) }));
    await api.setMyCommands(commands, locale === "vi" ? {} : { language_code: "en" });
  }
}
