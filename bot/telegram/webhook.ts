import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { BotError, webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../deps.js";
import { UpdateBusyError } from "../update-claim.js";

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

/**
 * Telegram's updates at a path derived from the secret, with its secret_token header checked.
 * An update another live instance is still handling is answered 503, so Telegram delivers it
 * again later instead of counting it as handled here (bot/update-claim.ts).
 */
export function registerTelegramWebhook(app: FastifyInstance, bot: Bot<BotContext>, secret: string, webhookUrl?: string): void {
  // Answer Telegram before its own timeout; a slow photo keeps being processed after the answer.
  const handle = webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 8_000 });
  app.post(telegramWebhookPath(secret, webhookUrl), { config: { audience: "webhook" } }, async (request, reply) => {
    try {
      return await handle(request, reply);
    } catch (e) {
      if (!(e instanceof BotError && e.error instanceof UpdateBusyError)) throw e;
      return reply.code(503).header("retry-after", "5").send({ ok: false, description: "being handled by another instance" });
    }
  });
}
