import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import type { I18n } from "@grammyjs/i18n";
import { Bot, type Api, type Middleware, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { telegramFileDownloader } from "./telegram/download-file.js";
import { apiTransformers, beneathConversationRecorder } from "./api-plumbing.js";
import type { RetryTiming } from "./outbound-retry.js";
import type { BotContext, BotDeps, FeatureDeps, InnerContext } from "./deps.js";
import { errorBoundary } from "./error-boundary.js";
import { createI18n } from "../services/text/i18n.js";
import { mongoConversationStorage } from "./mongo-storage.js";
import { accountInConversation, loadAccount } from "./per-update.js";
import { rateLimit } from "./rate-limit.js";
import { onceOnly } from "./update-claim.js";
import { RESIDENT_COMMANDS } from "./commands.js";

export interface CreateBotOptions {
  /** Known bot identity (tests, or a cached getMe): skips the getMe call at start. */
  botInfo?: UserFromGetMe;
  /** Telegram's per-chat pacing (about one message a second); tests turn it off to stay fast. */
  throttle?: boolean;
  /** Updates per user per window before the bot stops answering for a while. */
  rateLimit?: { limit: number; timeFrameMs: number };
  /**
   * Answers every Bot API call instead of Telegram (Zalo's bridge): innermost on bot.api and on every
   * conversation's Api, beneath the conversation's recorder, so replays do not repeat it. `name`
   * stands where grammY wants a token; nothing is ever sent with it.
   */
  transport?: { name: string; transformer: Transformer };
  /** The retries' sleep, clock and jitter (tests: a sleep that does not wait). */
  retryTiming?: RetryTiming;
}

/**
 * The bot without features: transport plumbing, error boundary, once-only updates, per-chat
 * order, rate limit, the sender's account, languages and durable conversations; then
 * app/ adds the features (app/bot-features.ts), the fallback last.
 */
export interface AssembledBot {
  bot: Bot<BotContext>;
  deps: FeatureDeps;
  i18n: I18n<BotContext>;
}

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): AssembledBot {
  const { config, logger, stores } = deps;
  const channel = deps.channel ?? "telegram";
  const { transport } = options;
  const token = transport?.name ?? config.botToken;
  if (!token) throw new Error("createBot needs BOT_TOKEN; without it the app runs offline");
  const bot = new Bot<BotContext>(token, { botInfo: options.botInfo, client: { apiRoot: config.telegramApiRoot } });
  // Zalo's bridge answers calls in place of the network, so it sits innermost, beneath retries and pacing.
  const transformers = [...(transport ? [transport.transformer] : []), ...apiTransformers({ throttle: options.throttle !== false, retryTiming: options.retryTiming })];
  bot.api.config.use(...transformers);
  const i18n = createI18n<BotContext>(config.defaultLocale);
  const full: FeatureDeps = { ...deps, downloadFile: deps.downloadFile ?? telegramFileDownloader(bot.api, config) };

  bot.use(errorBoundary({ logger, channel, i18n }));
  bot.use(rateLimit({ ...(options.rateLimit ?? { limit: 20, timeFrameMs: 10_000 }), i18n, quietPresses: channel === "zalo" }));
  // Ordering next: the once-only claim below awaits the database, and a chat's next update
  // must not overtake it there (a location would reach the conversation before the button press).
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  // Zalo's inbox already stores each msg_id once; its update ids are only labels.
  if (channel !== "zalo") bot.use(onceOnly(stores.processedUpdates, channel, deps.clock, config.botMode === "webhook" ? "refuse" : "wait"));
  bot.use(loadAccount(stores.accounts, channel));
  bot.use(i18n);
  const inConversation = accountInConversation(logger, channel);
  bot.use(
    conversations<BotContext, InnerContext>({
      storage: { type: "key", version: 1, adapter: mongoConversationStorage(stores.botState, "conv:"), getStorageKey: (ctx) => ctx.chat?.id.toString() },
      plugins: (conversation) => [
        beneathConversationRecorder<InnerContext>(transformers),
        ...inConversation(conversation),
        i18n as unknown as Middleware<InnerContext>,
      ],
    }),
  );
  return { bot, deps: full, i18n };
}

/** The command menu in both languages (Vietnamese is the default for every other language). */
export async function publishCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  for (const locale of ["vi", "en"] as const) {
    const commands = RESIDENT_COMMANDS.map((c) => ({ command: c, description: i18n.t(locale, `cmd-${c}`) }));
    await api.setMyCommands(commands, locale === "vi" ? {} : { language_code: "en" });
  }
}
