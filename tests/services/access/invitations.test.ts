import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../models/account.js";
import { authorizeRegistry, handlesTickets } from "../../../services/access/authorize.js";
import { createInvitation, INVITATION_TTL_MS, InvitationScopeError, redeemInvitation } from "../../../services/access/invitations.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

describe("invitations", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  const deps = () => ({ ...w.stores, clock: w.clock.now });
  beforeAll(async () => {
    w = await ticketWorld(db());
  });

  it("makes whoever opens the link first an officer of the ward, and refuses the link afterwards", async () => {
    const { token } = await createInvitation(deps(), { role: "officer", wardCode: "W1" }, "cli");
    const [first, second] = [await w.account("resident"), await w.account("resident")];
    const r = await redeemInvitation(deps(), token, first.id);
    expect(r).toMatchObject({ ok: true, account: { id: first.id, role: "officer", wardCode: "W1", provinceCode: "P1" } });
    expect(await redeemInvitation(deps(), token, second.id)).toEqual({ ok: false, reason: "used" });
    expect((await w.stores.accounts.byId(second.id))!.role).toBe("resident");
  });

  it("gives the role once when two people open the same link at the same moment", async () => {
    const { token } = await createInvitation(deps(), { role: "enforcement", provinceCode: "P1" }, "cli");
    const people = [await w.account("resident"), await w.account("resident")];
    const results = await Promise.all(people.map((p) => redeemInvitation(deps(), token, p.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const roles = await Promise.all(people.map(async (p) => (await w.stores.accounts.byId(p.id))!.role));
    expect(roles.sort()).toEqual(["enforcement", "resident"]);
  });

  it("makes the registry's keeper of a province, who keeps that province's registry and no other", async () => {
    const { token } = await createInvitation(deps(), { role: "registry", provinceCode: "P1" }, "cli");
    const person = await w.account("resident");
    const r = await redeemInvitation(deps(), token, person.id);
    expect(r).toMatchObject({ ok: true, account: { role: "registry", provinceCode: "P1" } });
    const keeper = (r as { account: Account }).account;
    expect(authorizeRegistry(keeper, "P1")).toBeUndefined();
    expect(authorizeRegistry(keeper, "P2")).toBe("forbidden");
    expect(authorizeRegistry(await w.account("officer", { wardCode: "W1" }), "P1")).toBe("forbidden");
    expect(handlesTickets(keeper)).toBe(false);
  });

  it("refuses a link after seven days and an unknown token", async () => {
    const { token } = await createInvitation(deps(), { role: "supervisor", provinceCode: "P1" }, "cli");
    const person = await w.account("resident");
    w.clock.advance(INVITATION_TTL_MS + 1);
    expect(await redeemInvitation(deps(), token, person.id)).toEqual({ ok: false, reason: "expired" });
    expect(await redeemInvitation(deps(), "nope", person.id)).toEqual({ ok: false, reason: "unknown" });
    expect((await w.stores.accounts.byId(person.id))!.role).toBe("resident");
  });

  it("refuses to invite into a ward or province the directory does not know", async () => {
    await expect(createInvitation(deps(), { role: "officer", wardCode: "W9" }, "cli")).rejects.toBeInstanceOf(InvitationScopeError);
    await expect(createInvitation(deps(), { role: "enforcement", provinceCode: "P9" }, "cli")).rejects.toBeInstanceOf(InvitationScopeError);
  });
});
