import type { Connection } from "mongoose";
import { accountStore } from "./account.js";
import { apiClientStore } from "./api-client.js";
import { auditStore } from "./audit-event.js";
import { activityStore } from "./check-in-activity.js";
import { botStateStore } from "./bot-state.js";
import { claimStore } from "./claim.js";
import { consoleLinkStore } from "./console-link.js";
import { consoleSessionStore } from "./console-session.js";
import { counterStore } from "./counter.js";
import { deadlineRuleStore } from "./deadline-rule.js";
import { evidenceStore } from "./evidence.js";
import { invitationStore } from "./invitation.js";
import { outboxStore } from "./outbox.js";
import { processedUpdateStore } from "./processed-update.js";
import { ticketCardStore } from "./ticket-card.js";
import { reporterIdentityStore } from "./reporter-identity.js";
import { ticketStore } from "./ticket.js";
import { venueStore } from "./venue.js";
import { wardStore } from "./ward.js";
import { wardGroupStore } from "./ward-group.js";
import { zaloUserStore } from "./zalo-user.js";

export function createStores(conn: Connection) {
  const stores = {
    wards: wardStore(conn),
    venues: venueStore(conn),
    activity: activityStore(conn),
    accounts: accountStore(conn),
    tickets: ticketStore(conn),
    evidence: evidenceStore(conn),
    audit: auditStore(conn),
    claims: claimStore(conn),
    invitations: invitationStore(conn),
    counters: counterStore(conn),
    outbox: outboxStore(conn),
    botState: botStateStore(conn),
    processedUpdates: processedUpdateStore(conn),
    wardGroups: wardGroupStore(conn),
    deadlineRules: deadlineRuleStore(conn),
    ticketCards: ticketCardStore(conn),
    apiClients: apiClientStore(conn),
    reporterIdentities: reporterIdentityStore(conn),
    consoleLinks: consoleLinkStore(conn),
    consoleSessions: consoleSessionStore(conn),
    /** Zalo users' names and held notifications, for a resident's /mydata and /forgetme (the channel keeps its own copy for sending). */
    zaloUsers: zaloUserStore(conn),
  };
  return {
    ...stores,
    /** Creates the declared indexes; run once at start-up (autoIndex is off). */
    async syncIndexes(): Promise<void> {
      for (const s of Object.values(stores)) await s.syncIndexes();
    },
  };
}

export type Stores = ReturnType<typeof createStores>;
