import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import type { Role } from "../../models/account.js";
import { createStores, type Stores } from "../../models/index.js";
import type { Ticket, TicketState } from "../../models/ticket.js";
import { openTicket } from "../../services/tickets/open-ticket.js";
import type { TicketOutcome } from "../../models/ticket-states.js";
import type { TransitionDeps } from "../../services/tickets/transition.js";

/**
 * A small province for ticket tests: wards W1 and W2 in province P1, W3 in P2, venue V-1 in
 * W1, one account per role, and a factory for tickets in any state.
 */
export const WARDS = [
  { code: "W1", name: "Phú Xuân", provinceCode: "P1" },
  { code: "W2", name: "Thuận Hóa", provinceCode: "P1" },
  { code: "W3", name: "Hải Châu", provinceCode: "P2" },
];

export interface Clock {
  now: () => Date;
  set: (d: Date) => void;
  advance: (ms: number) => void;
}

export function controlledClock(start = new Date("2026-11-23T08:00:00Z")): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => (t = d.getTime()), advance: (ms) => (t += ms) };
}

export async function ticketWorld(conn: Connection, clock: Clock = controlledClock()) {
  const stores: Stores = createStores(conn);
  await stores.syncIndexes();
  await stores.wards.upsertMany(
    WARDS.map((w) => ({ ...w, kind: "Phường", provinceName: w.provinceCode, searchKey: w.name, source: "test", unitHash: w.code })),
    new Set(),
  );
  await stores.venues.upsertMany(
    [
      {
        code: "V-1",
        name: "Quán Bún Bò Mệ Kéo",
        address: "20 Bạch Đằng",
        category: "restaurant_cafe",
        wardCode: "W1",
        location: { lat: 16.47, lng: 107.58 },
        qrPayloads: [],
        status: "active",
        source: "test",
        importHash: "x",
      },
    ],
    new Set(),
  );
  const account = async (role: Role, scope: { wardCode?: string; provinceCode?: string } = {}, id = randomBytes(4).toString("hex")) => {
    const a = await stores.accounts.ensure("telegram", id, { displayName: `${role} ${id}` });
    return role === "resident" ? a : (await stores.accounts.grantRole(a.id, role, scope))!;
  };
  const deps: TransitionDeps = { ...stores, clock: clock.now };
  const reporter = await account("resident");
  let n = 0;
  async function ticket(state: TicketState = "new", over: { wardCode?: string; provinceCode?: string; venueCode?: string; outcome?: TicketOutcome; evidenceIds?: string[]; note?: string } = {}): Promise<Ticket> {
    const at = clock.now();
    // Opened the product's way: due dates from the deadline policy, the card queued for the ward.
    const t = await openTicket(stores, {
      violationType: "no_poster",
      wardCode: over.wardCode ?? "W1",
      provinceCode: over.provinceCode ?? "P1",
      venueCode: over.venueCode ?? "V-1",
      address: "20 Bạch Đằng",
      location: { lat: 16.47, lng: 107.58 },
      verdict: "no_code",
      report: { accountId: reporter.id, channel: "telegram", violationType: "no_poster", at, evidenceIds: over.evidenceIds ?? [], flags: [], note: over.note },
      event: { at, actorRole: "system", action: "opened", to: "new" },
    }, `T-${randomBytes(3).toString("hex").toUpperCase()}-${++n}`);
    if (state === "new" && !over.outcome) return t;
    const set = over.outcome ? { outcome: over.outcome } : {};
    return (await stores.tickets.transition(t.id, "new", state, { at, actorRole: "system", action: "setup", from: "new", to: state }, set))!;
  }
  return { stores, deps, account, ticket, reporter, clock };
}
