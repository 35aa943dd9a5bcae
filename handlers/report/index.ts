import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, FeatureDeps, InnerContext } from "../../bot/deps.js";
import { reportConversation } from "./conversation.js";

/** /report and /cancel. /cancel is installed before the conversation so it reaches a report at any step. */
export function reportFeatures(deps: FeatureDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("cancel", async (ctx) => {
    const active = ctx.conversation.active("report") > 0;
    if (active) await ctx.conversation.exit("report");
    await ctx.reply(ctx.t(active ? "cancel-done" : "cancel-nothing"), { reply_markup: { remove_keyboard: true } });
  });
  c.use(createConversation<BotContext, InnerContext>(reportConversation(deps), "report"));
  c.command("report", (ctx) => ctx.conversation.enter("report"));
  return c;
}
