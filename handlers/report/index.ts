import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, FeatureDeps, InnerContext } from "../../bot/deps.js";
import { reportConversation } from "./conversation.js";

/** /report and /cancel (of a report or a follow-up). /cancel is installed before the conversation so it reaches a report at any step. */
export function reportFeatures(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("cancel", async (ctx) => {
    // The report, or a follow-up to a ticket (adding evidence, "not fixed", a rating's reason).
    const active = Object.values(ctx.conversation.active()).some((n) => n > 0);
    if (active) await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"), { reply_markup: { remove_keyboard: true } });
  });
  c.use(createConversation<BotContext, InnerContext>(reportConversation(deps), "report"));
  c.command("report", async (ctx) => {
    // A follow-up to a ticket left half-way (issue 17) gives way to a new report.
    if (ctx.conversation.active("followup") > 0) await ctx.conversation.exit("followup");
    await ctx.conversation.enter("report");
  });
  return c;
}
