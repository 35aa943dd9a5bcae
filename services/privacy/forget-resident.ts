import { randomBytes } from "node:crypto";
import type { Account } from "../../models/account.js";
import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { queueForWard } from "../notify/ticket-changed.js";
import { WORDS_IN_NOTE, scrubResidentText } from "./resident-text.js";

export interface ForgetDeps {
  stores: Pick<Stores, "tickets" | "accounts" | "evidence" | "audit" | "outbox" | "zaloUsers" | "claims">;
  clock: () => Date;
}

/** What /forgetme erased, for the resident's answer and the audit event. */
export interface Forgotten {
  tickets: number;
  notes: number;
  reasons: number;
  photos: number;
  name: boolean;
  phone: boolean;
  messages: number;
}

const PAGE = 50;
/** Rewrites of one ticket lost to concurrent changes before the erasure gives up (the resident may press again). */
const TRIES = 5;

/**
 * A resident's erasure (/forgetme): their name and phone, every note and rating reason they
 * wrote, and the messages queued or sent to them are deleted; their reports stay with the ward
 * (type, place, photos, states) under a random pseudonym per ticket, so nothing links them to
 * the account or to each other any more, and the resident gets no more news of them. The
 * account itself stays (channel id and language) so the bot can go on serving them. Staff
 * accounts are refused: their actions are the ward's record. Idempotent; audited.
 */
export async function forgetResident(deps: ForgetDeps, account: Pick<Account, "id" | "role" | "channel" | "externalId">): Promise<Forgotten | { refused: "staff" }> {
  if (account.role !== "resident") return { refused: "staff" };
  const { stores } = deps;
  const done: Forgotten = { tickets: 0, notes: 0, reasons: 0, photos: 0, name: false, phone: false, messages: 0 };
  // Each pass re-reads the first page: a rewritten ticket no longer lists the account.
  for (;;) {
    const { tickets } = await stores.tickets.ofReporter(account.id, { skip: 0, limit: PAGE });
    if (tickets.length === 0) break;
    for (const ticket of tickets) {
      const r = await anonymiseTicket(deps, ticket, account.id);
      done.tickets++;
      done.notes += r.notes;
      done.reasons += r.reasons;
      done.photos += r.photos;
    }
  }
  const contact = await stores.accounts.forgetContact(account.id);
  done.name = contact.name;
  done.phone = contact.phone;
  if (account.channel === "zalo") {
    const zaloUserId = await stores.zaloUsers.idOfChat(Number(account.externalId));
    if (zaloUserId) done.name = (await stores.zaloUsers.forgetName(zaloUserId)) || done.name;
  }
  done.messages = await stores.outbox.forgetAccount(account.id);
  await stores.claims.forgetBy(account.id);
  const at = deps.clock();
  await stores.audit.append({ at, actorId: account.id, actorRole: "resident", action: "forget_me", subjectKind: "account", subjectId: account.id, meta: { ...done } });
  return done;
}

async function anonymiseTicket(deps: ForgetDeps, first: Ticket, accountId: string): Promise<{ notes: number; reasons: number; photos: number }> {
  const { stores } = deps;
  // Random, not a counter or a time: two tickets' pseudonyms say nothing about each other. An ObjectId's shape, so lookups by id find no one.
  const pseudonym = randomBytes(12).toString("hex");
  let ticket: Ticket | undefined = first;
  for (let attempt = 0; ticket && attempt < TRIES; attempt++) {
    const scrubbed = scrubResidentText(ticket, { accountId, pseudonym });
    if (!scrubbed) return { notes: 0, reasons: 0, photos: 0 };
    const updated = await stores.tickets.rewriteResidentParts(ticket.id, ticket.version, scrubbed.parts);
    if (!updated) {
      ticket = await stores.tickets.byId(ticket.id);
      continue;
    }
    const evidenceIds = [...ticket.reports, ...(ticket.additions ?? [])].filter((x) => x.accountId === accountId).flatMap((x) => x.evidenceIds);
    const photos = await stores.evidence.reassign(evidenceIds, accountId, pseudonym);
    await stores.audit.scrubResidentEvents(ticket.id, WORDS_IN_NOTE, { actorId: accountId, pseudonym });
    // The ward's cards showed the resident's latest note: they are drawn again without it.
    await queueForWard(stores.outbox, updated, { kind: "card_refresh", ticketId: updated.id }, deps.clock());
    return { notes: scrubbed.notes, reasons: scrubbed.reasons, photos };
  }
  throw new Error(`ticket ${first.number} kept changing; erasure not finished`);
}
