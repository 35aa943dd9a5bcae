import type { CliCommand } from "../command.js";
import { accountCommands } from "./accounts.js";
import { deadlineCommands } from "./deadlines.js";
import { activityCommands } from "./activity.js";
import { complianceCommands } from "./compliance.js";
import { consoleCommands } from "./console.js";
import { dbCommands } from "./db.js";
import { exportCommands } from "./export.js";
import { inspectionCommands } from "./inspections.js";
import { inviteCommands } from "./invite.js";
import { open311Commands } from "./open311.js";
import { statsCommands } from "./stats.js";
import { venueCommands } from "./venues.js";
import { verifyCommands } from "./verify.js";
import { wardCommands } from "./wards.js";

/** Every CLI command; a new command group is one file in this folder plus one line here. */
export const COMMANDS: CliCommand[] = [...wardCommands, ...venueCommands, ...activityCommands, ...verifyCommands, ...inviteCommands, ...accountCommands, ...exportCommands, ...statsCommands, ...complianceCommands, ...inspectionCommands, ...deadlineCommands, ...open311Commands, ...consoleCommands, ...dbCommands];
