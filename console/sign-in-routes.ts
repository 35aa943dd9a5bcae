import type { FastifyInstance } from "fastify";
import { redeemConsoleLink } from "../services/access/console-links.js";
import { replaceSession } from "../services/access/console-sessions.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext } from "./context.js";
import { html } from "./html.js";
import { cookieOptions, SESSION_COOKIE } from "./staff-guard.js";

/**
 * Signing in from a one-time link. Opening the link only shows a button: Telegram and mail
 * clients fetch links for previews, and such a fetch must not spend the link. The press
 * (a POST) spends it and opens the session.
 */
export function signInRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const deps = { ...c.deps.stores, clock: c.deps.clock };
  app.get<{ Params: { token: string } }>("/sign-in/:token", async (request, reply) => {
    const locale = c.guestLocale(request);
    const t = c.translator(locale);
    reply.header("referrer-policy", "no-referrer");
    return c.page(reply, undefined, {
      title: t("console-sign-in-title"),
      body: html`<form method="post" class="card narrow"><p>${t("console-sign-in-lead")}</p><button type="submit" class="primary">${t("console-sign-in-button")}</button></form>`,
    }, locale);
  });

  app.post<{ Params: { token: string } }>("/sign-in/:token", async (request, reply) => {
    const redeemed = await redeemConsoleLink(deps, request.params.token);
    if (!redeemed.ok) throw new ConsoleError(redeemed.reason === "forbidden" ? 403 : 401, `console-link-${redeemed.reason}`);
    const { token } = await replaceSession(deps, request.cookies[SESSION_COOKIE], redeemed.account);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(c, request));
    return reply.redirect("/console", 303);
  });

  app.get("/signed-out", async (request, reply) => {
    const locale = c.guestLocale(request);
    const t = c.translator(locale);
    return c.page(reply, undefined, { title: t("console-signed-out"), body: html`<p class="card narrow">${t("console-sign-in-how")}</p>` }, locale);
  });
}
