import { describe, expect, it } from "vitest";
import { createLogger } from "../../../platform/logger.js";
import { dropClosedText } from "../../../services/housekeeping/drop-closed-text.js";
import { transitionTicket } from "../../../services/tickets/transition.js";
import { useTestDatabase } from "../../support/database.js";
import { controlledClock, ticketWorld } from "../../support/ticket-world.js";

const DAY = 86_400_000;

describe("free-text retention for closed tickets", () => {
  const db = useTestDatabase();

  it("drops residents' notes, rating reasons and partners' reporter contacts of tickets closed past the period, and nothing else", async () => {
    const clock = controlledClock();
    const w = await ticketWorld(db(), clock);
    const officer = await w.account("officer", { wardCode: "W1" });
    const close = async (id: string) => {
      for (const action of [{ kind: "acknowledge" }, { kind: "close", outcome: "no_violation" }] as const) expect((await transitionTicket(w.deps, officer.id, id, action)).ok).toBe(true);
    };

    // Closed a year and more ago: a note, a rating with its reason, and a partner's word of who reported it.
    const old = await w.ticket("new", { note: "Chủ quán số 0905111222" });
    await close(old.id);
    expect((await transitionTicket(w.deps, w.reporter.id, old.id, { kind: "rate", satisfied: false, reason: "Gọi tôi 0912345678" })).ok).toBe(true);
    await w.stores.reporterIdentities.save({ ticketId: old.id, clientId: "c1", at: clock.now(), email: "an@example.vn", phone: "0905111222" });
    const stillOpen = await w.ticket("new", { note: "Vẫn đang chờ" });
    clock.advance(300 * DAY);
    const recentlyClosed = await w.ticket("new", { note: "Mới đóng gần đây" });
    await close(recentlyClosed.id);
    clock.advance(70 * DAY);

    const deps = { stores: w.stores, clock: clock.now, logger: createLogger("silent"), retentionDays: 365 };
    expect(await dropClosedText({ ...deps, retentionDays: 0 })).toEqual({ tickets: 0, notes: 0, reasons: 0 });
    expect(await dropClosedText(deps)).toEqual({ tickets: 1, notes: 1, reasons: 1 });
    expect(await dropClosedText(deps)).toEqual({ tickets: 0, notes: 0, reasons: 0 });

    const t = (await w.stores.tickets.byId(old.id))!;
    expect(t.state).toBe("no_violation");
    expect(t).toMatchObject({ location: { lat: 16.47, lng: 107.58 }, reports: [{ accountId: w.reporter.id, violationType: "no_poster" }] });
    expect(t.reports[0]!.note).toBeUndefined();
    expect(t.ratings).toMatchObject([{ accountId: w.reporter.id, satisfied: false, outcome: "no_violation" }]);
    expect(t.ratings[0]!.reason).toBeUndefined();
    expect(t.history.map((e) => [e.action, e.note])).toEqual([["opened", undefined], ["acknowledge", undefined], ["close", undefined], ["rate", "not_satisfied"]]);
    const audit = await w.stores.audit.of("ticket", old.id);
    expect(audit.map((e) => e.action)).toEqual(["acknowledge", "close", "rate"]);
    expect(JSON.stringify([t, audit])).not.toMatch(/0905111222|0912345678/);
    expect(await db().collection("reporteridentities").countDocuments({ ticketId: old.id })).toBe(0);

    // The open ticket and the one closed within the period keep their words.
    expect((await w.stores.tickets.byId(stillOpen.id))!.reports[0]!.note).toBe("Vẫn đang chờ");
    expect((await w.stores.tickets.byId(recentlyClosed.id))!.reports[0]!.note).toBe("Mới đóng gần đây");
  });
});
