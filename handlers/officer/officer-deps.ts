import type { FeatureDeps } from "../../bot/deps.js";
import type { DeadlinePolicy } from "../../services/tickets/deadlines.js";

/** The bot's deps plus the deadline policy the officers' side applies. */
export type OfficerDeps = Pick<FeatureDeps, "stores" | "clock" | "logger" | "config"> & { deadlines: DeadlinePolicy };
