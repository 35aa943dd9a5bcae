import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import type { TransitionDeps } from "../../services/tickets/transition.js";
import { officerCommands } from "./officer-commands.js";
import { evidenceCommand } from "./evidence-command.js";
import { keeperCommands } from "../keeper/keeper-commands.js";
import { staffStart } from "./staff-start.js";
import { samePosterButtons } from "./same-poster-buttons.js";
import { ticketButtons } from "./ticket-buttons.js";
import { publishPhotoPress } from "./publish-photo.js";
import { ticketCommands } from "./ticket-commands.js";
import { webCommand } from "./web-command.js";

/**
 * The officers' and enforcement's features. Install before the residents' features (app/bot-features.ts): /start inv_…
 * must be seen before the residents' /start, and group commands before the group filter.
 */
export function officerFeatures(deps: OfficerDeps): Composer<BotContext> {
  const transitions: TransitionDeps = { ...deps.stores, clock: deps.clock, directory: deps.directory };
  const c = new Composer<BotContext>();
  c.use(staffStart(deps), ticketButtons(deps, transitions), samePosterButtons(deps, transitions), publishPhotoPress(deps, transitions), ticketCommands(deps, transitions), officerCommands(deps), evidenceCommand(deps), keeperCommands(deps), webCommand(deps));
  return c;
}
