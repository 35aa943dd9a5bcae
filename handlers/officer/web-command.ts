import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { formatDate } from "../../services/text/format.js";
import { consoleBaseUrl, consoleLinkUrl, createConsoleLink } from "../../services/access/console-links.js";

/** /web: a staff member's one-time sign-in link to the web console, in the private chat only. */
export function webCommand(deps: OfficerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType("private").command("web", async (ctx) => {
    const actor = ctx.account;
    const made = await createConsoleLink({ ...deps.stores, clock: deps.clock }, actor, actor);
    if ("refused" in made) return void (await ctx.reply(ctx.t("staff-only")));
    const url = consoleLinkUrl(consoleBaseUrl(deps.config), made.token);
    // No preview: the link is for this person's browser alone.
    await ctx.reply(ctx.t("console-web-link", { url, at: formatDate(made.expiresAt, actor.locale) }), { link_preview_options: { is_disabled: true } });
  });
  return c;
}
