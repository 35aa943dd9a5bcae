import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../deps.js";

/**
 * The webhook path is derived from the secret, not equal to it: paths end up in access
 * logs, the secret_token header (checked by grammY) does not. Under the path of
 * `webhookUrl` (`https://host/qr-bot/` → `/qr-bot/telegram/<hash>`), so the app can sit
 * behind a proxy that forwards one prefix; the server listens on the same full path.
 */
export function telegramWebhookPath(secret: string, webhookUrl?: string): string {
  const prefix = webhookUrl ? new URL(webhookUrl).pathname.replace(/\/+$/, "") : "";
  return `${prefix}/telegram/${createHash("sha256").update(secret).digest("hex").slice(0, 32)}`;
}

/** The URL registered with Telegram: WEBHOOK_URL's origin and path, then /telegram/<hash>. */
export function telegramWebhookUrl(secret: string, webhookUrl: string): string {
  return new URL(telegramWebhookPath(secret, webhookUrl), webhookUrl).href;
}

/** Telegram's updates at a path derived from the secret, with its secret_token header checked. */
export function registerTelegramWebhook(app: FastifyInstance, bot: Bot<BotContext>, secret: string, webhookUrl?: string): void {
  // Answer Telegram before its own timeout; a slow photo keeps being processed after the answer.
  app.post(telegramWebhookPath(secret, webhookUrl), webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 8_000 }));
}
