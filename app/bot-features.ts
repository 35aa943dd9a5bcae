import type { InstallFeatures } from "../bot/deps.js";
import { installResidentFeatures } from "../handlers/index.js";
import { officerFeatures } from "../handlers/officer/index.js";
import type { BotCore } from "./core.js";

/**
 * Which features each channel's bot carries, assembled here so bot/ knows no handler: Telegram
 * serves residents and staff, Zalo (an official account residents follow) residents only.
 */
export function channelFeatures(core: BotCore): { telegram: InstallFeatures; zalo: InstallFeatures } {
  return {
    telegram: (bot, deps) => {
      // Officers first: their /start inv_… and group buttons must be seen before the residents' features.
      bot.use(officerFeatures({ stores: deps.stores, clock: core.clock, logger: deps.logger, config: deps.config, directory: core.directory }));
      installResidentFeatures(bot, deps);
    },
    zalo: (bot, deps) => installResidentFeatures(bot, deps),
  };
}
