import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../deps.js";

/**
 * The webhook path is derived from the secret, not equal to it: paths end up in access
 * logs, the secret_token header (checked by grammY) does not.
 */
export function telegramWebhookPath(secret: string): string {
  return `/telegram/${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;
}

/** Telegram's updates at a path derived from the secret, with its secret_token header checked. */
export function registerTelegramWebhook(app: FastifyInstance, bot: Bot<BotContext>, secret: string): void {
  // Answer Telegram before its own timeout; a slow photo keeps being processed after the answer.
  app.post(telegramWebhookPath(secret), webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 8_000 }));
}
