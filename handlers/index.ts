import type { Bot, Middleware } from "grammy";
import type { BotContext, FeatureDeps } from "../bot/deps.js";
import { fallback, groupFilter } from "./fallback.js";
import { followUpFeatures } from "./follow-up/index.js";
import { myDataFeatures } from "./my-data.js";
import { myTicketsFeatures } from "./my-tickets.js";
import { reportFeatures } from "./report/index.js";
import { startFeatures } from "./start.js";

/**
 * The resident's features, then `extra` (another branch's composers, e.g. officers'), then
 * the fallback, which must stay last.
 */
export function installResidentFeatures(bot: Bot<BotContext>, deps: FeatureDeps, ...extra: Middleware<BotContext>[]): void {
  bot.use(groupFilter());
  bot.use(reportFeatures(deps));
  bot.use(followUpFeatures(deps));
  bot.use(startFeatures(deps));
  bot.use(myTicketsFeatures(deps));
  bot.use(myDataFeatures(deps));
  for (const m of extra) bot.use(m);
  bot.use(fallback());
}
