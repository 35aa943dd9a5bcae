import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../models/account.js";
import type { TicketState } from "../../../models/ticket.js";
import type { TicketAction } from "../../../models/ticket-states.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

type World = Awaited<ReturnType<typeof ticketWorld>>;

/** Each action with the state it is tried from, so only role and scope decide the outcome. */
const ACTIONS: { name: string; from: TicketState; action: TicketAction; to: TicketState }[] = [
  { name: "acknowledge", from: "new", action: { kind: "acknowledge" }, to: "acknowledged" },
  { name: "start inspection", from: "acknowledged", action: { kind: "start_inspection" }, to: "inspecting" },
  { name: "close: violation confirmed", from: "inspecting", action: { kind: "close", outcome: "violation_confirmed" }, to: "violation_confirmed" },
  { name: "close: no violation", from: "inspecting", action: { kind: "close", outcome: "no_violation" }, to: "no_violation" },
  { name: "close: duplicate", from: "acknowledged", action: { kind: "close_duplicate", duplicateOf: "ORIGINAL" }, to: "duplicate" },
  { name: "transfer to W2", from: "new", action: { kind: "transfer", wardCode: "W2" }, to: "not_our_ward" },
  { name: "message the reporter", from: "acknowledged", action: { kind: "message_reporter", text: "Chúng tôi sẽ kiểm tra." }, to: "acknowledged" },
  { name: "add a note", from: "inspecting", action: { kind: "add_note", note: "Đã đến nơi." }, to: "inspecting" },
  { name: "enforce: reminder", from: "violation_confirmed", action: { kind: "enforce", measure: "reminder" }, to: "violation_confirmed" },
  { name: "enforce: warning", from: "violation_confirmed", action: { kind: "enforce", measure: "warning" }, to: "violation_confirmed" },
  { name: "enforce: suspension", from: "violation_confirmed", action: { kind: "enforce", measure: "suspension" }, to: "violation_confirmed" },
  { name: "return to ward", from: "violation_confirmed", action: { kind: "return_to_ward" }, to: "inspecting" },
  { name: "withdraw the only report", from: "new", action: { kind: "withdraw" }, to: "withdrawn" },
];

const WARD_WORK = ["acknowledge", "start_inspection", "close", "close_duplicate", "transfer", "message_reporter", "add_note"];
const ACTORS: { name: string; make: (w: World) => Promise<Account>; allowed: string[] }[] = [
  { name: "resident", make: (w) => w.account("resident"), allowed: [] },
  { name: "the ticket's reporter", make: async (w) => w.reporter, allowed: ["withdraw"] },
  { name: "officer of another ward", make: (w) => w.account("officer", { wardCode: "W2" }), allowed: [] },
  { name: "officer of this ward", make: (w) => w.account("officer", { wardCode: "W1" }), allowed: WARD_WORK },
  { name: "supervisor of the province", make: (w) => w.account("supervisor", { provinceCode: "P1" }), allowed: WARD_WORK },
  { name: "supervisor of another province", make: (w) => w.account("supervisor", { provinceCode: "P2" }), allowed: [] },
  { name: "enforcement", make: (w) => w.account("enforcement", { provinceCode: "P1" }), allowed: ["enforce", "return_to_ward", "add_note"] },
  { name: "admin", make: (w) => w.account("admin"), allowed: [] },
];

describe("ticket transitions", () => {
  const db = useTestDatabase();
  let w: World;
  beforeAll(async () => {
    w = await ticketWorld(db());
  });

  async function attempt(actor: Account, from: TicketState, action: TicketAction) {
    const t = await w.ticket(from);
    const original = action.kind === "close_duplicate" ? await w.ticket("acknowledged") : undefined;
    const resolved = original && action.kind === "close_duplicate" ? { ...action, duplicateOf: original.number } : action;
    await w.stores.venues.setStatus("V-1", "active");
    const result = await transitionTicket(w.deps, actor.id, t.id, resolved);
    return { t, result, after: (await w.stores.tickets.byId(t.id))!, audit: await w.stores.audit.of("ticket", t.id) };
  }

  for (const actorCase of ACTORS) {
    for (const a of ACTIONS) {
      const allowed = actorCase.allowed.includes(a.action.kind);
      it(`${actorCase.name} × ${a.name}: ${allowed ? "succeeds" : "is refused and changes nothing"}`, async () => {
        const actor = await actorCase.make(w);
        const { t, result, after, audit } = await attempt(actor, a.from, a.action);
        if (allowed) {
          expect(result.ok).toBe(true);
          expect(after.state).toBe(a.to);
          expect(after.version).toBe(t.version + 1);
          expect(audit).toMatchObject([{ actorId: actor.id, action: a.action.kind, from: a.from, to: a.to }]);
          expect(after.history.at(-1)).toMatchObject({ actorId: actor.id, action: a.action.kind });
          const venue = await w.stores.venues.byCode("V-1");
          expect(venue!.status).toBe(a.name === "enforce: suspension" ? "suspended" : "active");
        } else {
          expect(result).toEqual({ ok: false, reason: "forbidden" });
          expect(after).toEqual(t);
          expect(audit).toEqual([]);
          expect((await w.stores.venues.byCode("V-1"))!.status).toBe("active");
        }
      });
    }
  }

  it("refuses a revoked officer", async () => {
    const officer = await w.account("officer", { wardCode: "W1" });
    await w.stores.accounts.revoke(officer.id, w.clock.now());
    const t = await w.ticket("new");
    expect(await transitionTicket(w.deps, officer.id, t.id, { kind: "acknowledge" })).toEqual({ ok: false, reason: "revoked" });
  });

  it("refuses an action that does not fit the current state", async () => {
    const officer = await w.account("officer", { wardCode: "W1" });
    const t = await w.ticket("no_violation");
    expect(await transitionTicket(w.deps, officer.id, t.id, { kind: "acknowledge" })).toMatchObject({ ok: false, reason: "invalid_state" });
  });

  it("tells an officer acting on an outdated card that the ticket moved on", async () => {
    const officer = await w.account("officer", { wardCode: "W1" });
    const t = await w.ticket("acknowledged");
    const r = await transitionTicket(w.deps, officer.id, t.id, { kind: "start_inspection" }, { state: "new" });
    expect(r).toMatchObject({ ok: false, reason: "stale" });
  });

  it("of two officers pressing at once, exactly one wins and the other is told it is stale", async () => {
    const [a, b] = [await w.account("officer", { wardCode: "W1" }), await w.account("officer", { wardCode: "W1" })];
    const t = await w.ticket("new");
    const results = await Promise.all([a, b].map((o) => transitionTicket(w.deps, o.id, t.id, { kind: "acknowledge" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ ok: false, reason: "stale" }]);
    expect(await w.stores.audit.of("ticket", t.id)).toHaveLength(1);
    expect((await w.stores.tickets.byId(t.id))!.version).toBe(t.version + 1);
  });

  it("an enforcement decision and a return to the ward pressed at once: one wins", async () => {
    const [a, b] = [await w.account("enforcement", { provinceCode: "P1" }), await w.account("enforcement", { provinceCode: "P1" })];
    const t = await w.ticket("violation_confirmed");
    const results = await Promise.all([
      transitionTicket(w.deps, a.id, t.id, { kind: "enforce", measure: "warning" }),
      transitionTicket(w.deps, b.id, t.id, { kind: "return_to_ward" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await w.stores.audit.of("ticket", t.id)).toHaveLength(1);
  });

  it("two notes added at once are both kept", async () => {
    const [a, b] = [await w.account("officer", { wardCode: "W1" }), await w.account("officer", { wardCode: "W1" })];
    const t = await w.ticket("inspecting");
    const results = await Promise.all([a, b].map((o) => transitionTicket(w.deps, o.id, t.id, { kind: "add_note", note: o.id })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await w.stores.tickets.byId(t.id))!.history.filter((e) => e.action === "add_note")).toHaveLength(2);
  });

  it("a transfer opens the ticket, with its reports, in the other ward", async () => {
    const officer = await w.account("officer", { wardCode: "W1" });
    const t = await w.ticket("new");
    const r = await transitionTicket(w.deps, officer.id, t.id, { kind: "transfer", wardCode: "W2" });
    expect(r.ok && r.successor).toMatchObject({ wardCode: "W2", state: "new", reports: [{ accountId: w.reporter.id }] });
    expect(await transitionTicket(w.deps, officer.id, (await w.ticket("new")).id, { kind: "transfer", wardCode: "NOPE" })).toMatchObject({
      reason: "invalid_target",
    });
  });

  it("an enforcement measure is decided once", async () => {
    const enforcer = await w.account("enforcement", { provinceCode: "P1" });
    const t = await w.ticket("violation_confirmed");
    expect(await transitionTicket(w.deps, enforcer.id, t.id, { kind: "enforce", measure: "warning" })).toMatchObject({ ok: true });
    expect(await transitionTicket(w.deps, enforcer.id, t.id, { kind: "return_to_ward" })).toMatchObject({ reason: "already_decided" });
  });
});

describe("withdrawing a report", () => {
  const db = useTestDatabase();

  it("keeps a merged ticket open for the other reporter, closes it when the last withdraws, and refuses once acknowledged", async () => {
    const w = await ticketWorld(db());
    const other = await w.account("resident");
    const t = await w.ticket("new");
    const merged = (await w.stores.tickets.attachReport(t.id, { ...t.reports[0]!, accountId: other.id }, { at: w.clock.now(), actorId: other.id, actorRole: "resident", action: "report_attached" }))!;
    const first = await transitionTicket(w.deps, w.reporter.id, merged.id, { kind: "withdraw" });
    expect(first).toMatchObject({ ok: true, from: "new", to: "new" });
    expect(await transitionTicket(w.deps, w.reporter.id, merged.id, { kind: "withdraw" })).toMatchObject({ ok: false, reason: "forbidden" });
    const last = await transitionTicket(w.deps, other.id, merged.id, { kind: "withdraw" });
    expect(last).toMatchObject({ ok: true, to: "withdrawn", ticket: { outcome: { kind: "withdrawn" } } });

    const taken = await w.ticket("acknowledged");
    expect(await transitionTicket(w.deps, w.reporter.id, taken.id, { kind: "withdraw" })).toMatchObject({ ok: false, reason: "invalid_state" });
    expect(await w.stores.tickets.byId(taken.id)).toEqual(taken);
  });
});
