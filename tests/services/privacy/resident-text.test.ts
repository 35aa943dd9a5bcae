import { describe, expect, it } from "vitest";
import { scrubResidentText, type ResidentParts } from "../../../services/privacy/resident-text.js";

const at = new Date("2026-01-05T03:00:00Z");
const [ALICE, BOB, OFFICER, PSEUDONYM] = ["a".repeat(24), "b".repeat(24), "c".repeat(24), "d".repeat(24)];

/** A closed ticket with every kind of resident's words from two residents, and an officer's words. */
const ticket: ResidentParts = {
  reports: [
    { accountId: ALICE, channel: "telegram", violationType: "no_poster", note: "alice's note", location: { lat: 16.45, lng: 107.6 }, address: "20 Bạch Đằng", evidenceIds: ["e1"], flags: [], at },
    { accountId: BOB, channel: "zalo", violationType: "no_poster", note: "bob's note", evidenceIds: ["e2"], flags: [], at },
  ],
  additions: [{ accountId: ALICE, channel: "telegram", kind: "reopen", note: "alice: still missing", evidenceIds: ["e3"], at }],
  ratings: [
    { accountId: ALICE, closedAt: at, outcome: "no_violation", satisfied: false, reason: "alice's reason", at },
    { accountId: BOB, closedAt: at, outcome: "no_violation", satisfied: true, at },
  ],
  history: [
    { at, actorId: ALICE, actorRole: "resident", action: "opened", to: "new" },
    { at, actorId: OFFICER, actorRole: "officer", action: "add_note", note: "officer's note" },
    { at, actorId: ALICE, actorRole: "resident", action: "reopen", note: "alice: still missing" },
    { at, actorId: ALICE, actorRole: "resident", action: "rate", note: "not_satisfied: alice's reason" },
    { at, actorId: BOB, actorRole: "resident", action: "rate", note: "satisfied" },
  ],
};

const read = (t: ResidentParts, path: string): unknown => path.split(".").reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k], t);

// Field by field: what each scrub leaves. `same` = unchanged.
const TABLE: [path: string, everyone: unknown, alice: unknown][] = [
  ["reports.0.note", undefined, undefined],
  ["reports.0.accountId", "same", PSEUDONYM],
  ["reports.0.location", "same", "same"],
  ["reports.0.address", "same", "same"],
  ["reports.0.evidenceIds", "same", "same"],
  ["reports.1.note", undefined, "same"],
  ["reports.1.accountId", "same", "same"],
  ["additions.0.note", undefined, undefined],
  ["additions.0.accountId", "same", PSEUDONYM],
  ["additions.0.evidenceIds", "same", "same"],
  ["ratings.0.reason", undefined, undefined],
  ["ratings.0.satisfied", "same", "same"],
  ["ratings.0.accountId", "same", PSEUDONYM],
  ["ratings.1.accountId", "same", "same"],
  ["history.0.actorId", "same", PSEUDONYM],
  ["history.1.note", "same", "same"],
  ["history.1.actorId", "same", "same"],
  ["history.2.note", undefined, undefined],
  ["history.3.note", "not_satisfied", "not_satisfied"],
  ["history.3.actorId", "same", PSEUDONYM],
  ["history.4.note", "same", "same"],
  ["history.4.actorId", "same", "same"],
];

describe("what of a ticket is a resident's own words", () => {
  it.each(TABLE)("%s: retention leaves %j, Alice's erasure leaves %j", (path, everyone, alice) => {
    const all = scrubResidentText(ticket, "everyone")!.parts;
    const hers = scrubResidentText(ticket, { accountId: ALICE, pseudonym: PSEUDONYM })!.parts;
    expect(read(all, path)).toEqual(everyone === "same" ? read(ticket, path) : everyone);
    expect(read(hers, path)).toEqual(alice === "same" ? read(ticket, path) : alice);
  });

  it("counts what it took out, and a scrubbed ticket has nothing more to take", () => {
    const all = scrubResidentText(ticket, "everyone")!;
    expect([all.notes, all.reasons, all.reports]).toEqual([3, 1, 0]);
    expect(scrubResidentText(all.parts, "everyone")).toBeUndefined();
    const hers = scrubResidentText(ticket, { accountId: ALICE, pseudonym: PSEUDONYM })!;
    expect([hers.notes, hers.reasons, hers.reports]).toEqual([2, 1, 1]);
    expect(scrubResidentText(hers.parts, { accountId: ALICE, pseudonym: "e".repeat(24) })).toBeUndefined();
  });
});
