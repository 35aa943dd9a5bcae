import { describe, expect, it } from "vitest";
import type { Schema } from "mongoose";
import { createStores } from "../../../models/index.js";
import type { Ticket } from "../../../models/ticket.js";
import { requestRecord, updateRecords } from "../../../open311/request-record.js";
import { createTexts } from "../../../open311/texts.js";
import { publicView, roundPosition, TICKET_FIELDS, type PublicTicket } from "../../../services/publication/publication-rule.js";
import { useTestDatabase } from "../../support/database.js";

const db = useTestDatabase();
const texts = createTexts("vi");

const at = new Date("2026-11-23T03:00:00Z");
const later = (h: number) => new Date(at.getTime() + h * 3600e3);
const EXACT = { lat: 16.476543, lng: 107.608765 };
const VENUE = { code: "HUE-0301", name: "Nhà hàng Vỹ Dạ Xưa", location: { lat: 16.4765, lng: 107.608 } };

/** A ticket with a recognisable value in every stored field. */
function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: "6750a1b2c3d4e5f601234567", number: "HUE-2611-0042", violationType: "wrong_info", source: "resident", state: "acknowledged",
    wardCode: "19777", provinceCode: "46", venueCode: VENUE.code, location: EXACT, address: "ADDRESS-MARKER kiệt 12", verdict: "official",
    decodedText: "DECODED-MARKER", duplicateOf: undefined, outcome: { kind: "returned" },
    reports: [{ accountId: "ACCOUNT-MARKER", channel: "zalo", violationType: "unscannable", note: "NOTE-MARKER 0905111222", location: { lat: 16.476111, lng: 107.608222 },
      address: "REPORT-ADDRESS-MARKER", decodedText: "REPORT-CODE-MARKER", evidenceIds: ["eeeeeeeeeeeeeeeeeeeeeee1"], flags: ["FLAG-MARKER"], at: later(0.5), withdrawnAt: undefined }],
    history: [
      { at, actorId: "ACTOR-MARKER", actorRole: "resident", action: "opened", to: "new", note: "VIA-MARKER" },
      { at: later(1), actorId: "OFFICER-MARKER", actorRole: "officer", action: "add_note", from: "new", to: "new", note: "STAFF-NOTE-MARKER" },
      { at: later(2), actorId: "OFFICER-MARKER", actorRole: "officer", action: "acknowledge", from: "new", to: "acknowledged" },
    ],
    openedAt: at, acknowledgeBy: later(24), closeBy: later(168),
    additions: [{ accountId: "ACCOUNT-MARKER", channel: "zalo", kind: "evidence", note: "ADDITION-MARKER", evidenceIds: ["eeeeeeeeeeeeeeeeeeeeeee2"], at: later(3) }],
    ratings: [{ accountId: "ACCOUNT-MARKER", closedAt: later(4), outcome: "no_violation", satisfied: false, reason: "RATING-MARKER", at: later(5) }],
    publicPhotos: [{ evidenceId: "eeeeeeeeeeeeeeeeeeeeeee1", publicId: "Z".repeat(36), at: later(6), actorId: "PUBLISHER-MARKER" }],
    version: 987654, createdAt: new Date("2001-02-03T04:05:06Z"), updatedAt: new Date("2002-03-04T05:06:07Z"),
    ...over,
  } as Ticket;
}

/** Everything a public surface writes of a view: the view itself and its Open311 records, in both languages. */
function published(p: PublicTicket): string {
  const out = [JSON.stringify(p)];
  for (const locale of ["vi", "en"] as const) {
    const c = { t: texts.translator(locale), ward: () => undefined, mediaUrl: (id: string) => `https://x/media/${id}.jpg` };
    out.push(JSON.stringify(requestRecord(p, c)), JSON.stringify(updateRecords(p, new Date(0), later(1000), c)));
  }
  return out.join("\n");
}

const text = published(publicView(ticket(), VENUE)!);
const iso = (d: Date) => d.toISOString();

/**
 * For each field: its stored value as it would read if it were shown as stored (which must show
 * for a public field, and must not for a derived or private one), and what the rule derives from it.
 */
const PROBES: Record<string, { leak: string[]; shown?: () => void }> = {
  number: { leak: ["HUE-2611-0042"] },
  violationType: { leak: ["wrong_info", "Mã QR sai thông tin"] },
  state: { leak: ["acknowledged", "đã tiếp nhận"] },
  wardCode: { leak: ["19777"] },
  provinceCode: { leak: ['"provinceCode":"46"'] },
  verdict: { leak: ["mã chính thức, đúng cơ sở"] },
  openedAt: { leak: [iso(at)] },
  acknowledgeBy: { leak: [], shown: () => expect(publicView(ticket({ state: "new", history: ticket().history.slice(0, 1) }), VENUE)!.acknowledgeBy).toEqual(later(24)) },
  closeBy: { leak: [iso(later(168))] },
  history: { leak: ["STAFF-NOTE-MARKER", "OFFICER-MARKER", "ACTOR-MARKER", "VIA-MARKER", "add_note"], shown: () => expect(text).toContain(iso(later(2))) },
  venueCode: { leak: ["HUE-0301"], shown: () => expect(text).toContain("Nhà hàng Vỹ Dạ Xưa") },
  location: { leak: ["16.476543", "107.608765"], shown: () => expect(text).toContain('"lat":16.4765,"long":107.608') },
  duplicateOf: { leak: [], shown: () => expect(published(publicView(ticket({ state: "duplicate", duplicateOf: "HUE-2611-0007", history: [...ticket().history, { at: later(9), action: "close_duplicate", from: "acknowledged", to: "duplicate", note: "HUE-2611-0007" }] }), VENUE)!)).toContain("HUE-2611-0007") },
  publicPhotos: { leak: ["PUBLISHER-MARKER", "eeeeeeeeeeeeeeeeeeeeeee1"], shown: () => expect(text).toContain(`https://x/media/${"Z".repeat(36)}.jpg`) },
  reports: { leak: [], shown: () => expect(publicView(ticket({ reports: [{ ...ticket().reports[0]!, withdrawnAt: later(1) }] }), VENUE)).toBeUndefined() },
  "reports.note": { leak: ["NOTE-MARKER", "0905111222"] },
  "reports.accountId": { leak: ["ACCOUNT-MARKER"] },
  "reports.location": { leak: ["16.476111", "107.608222"] },
  "reports.address": { leak: ["REPORT-ADDRESS-MARKER"] },
  "reports.evidenceIds": { leak: ["eeeeeeeeeeeeeeeeeeeeeee1"] },
  "reports.channel": { leak: ["zalo"] },
  "reports.violationType": { leak: ["unscannable", "không quét được"] },
  "reports.flags": { leak: ["FLAG-MARKER"] },
  "reports.at": { leak: [iso(later(0.5))] },
  "reports.decodedText": { leak: ["REPORT-CODE-MARKER"] },
  "reports.withdrawnAt": { leak: [], shown: () => expect(publicView(ticket({ reports: [...ticket().reports, { ...ticket().reports[0]!, accountId: "B", withdrawnAt: later(1) }] }), VENUE)).toBeDefined() },
  source: { leak: ['"resident"'] },
  address: { leak: ["ADDRESS-MARKER"] },
  decodedText: { leak: ["DECODED-MARKER"] },
  outcome: { leak: ["returned"] },
  additions: { leak: ["ADDITION-MARKER", "eeeeeeeeeeeeeeeeeeeeeee2"] },
  ratings: { leak: ["RATING-MARKER", iso(later(5))], shown: () => expect(text).not.toContain("RATING-MARKER") },
  version: { leak: ["987654"] },
  createdAt: { leak: ["2001-02-03"] },
  updatedAt: { leak: ["2002-03-04"] },
};

describe("the publication rule, field by field", () => {
  it.each(Object.entries(TICKET_FIELDS))("%s: %j", (field, [publication]) => {
    const probe = PROBES[field];
    expect(probe, `a probe for ${field}`).toBeDefined();
    for (const raw of probe!.leak) {
      if (publication === "public") expect(text).toContain(raw);
      else expect(text).not.toContain(raw);
    }
    probe!.shown?.();
  });

  it("decides every stored field of a ticket, and every field of its reports", () => {
    const schema = createStores(db()).tickets && db().model("Ticket").schema;
    const paths = (s: Schema, prefix = ""): string[] =>
      Object.entries(s.paths).flatMap(([name, type]) => {
        if (name === "_id" || name === "__v") return [];
        const sub = (type as unknown as { schema?: Schema }).schema;
        return [`${prefix}${name}`, ...(sub && name === "reports" ? paths(sub, `${prefix}${name}.`) : [])];
      });
    expect(paths(schema).filter((p) => !(p in TICKET_FIELDS))).toEqual([]);
  });

  it("a code of another venue names no venue: the resident's point rounded to the 100 m grid instead", () => {
    const p = publicView(ticket({ verdict: "official_elsewhere" }), VENUE)!;
    expect(p.venueName).toBeUndefined();
    expect(p.position).toEqual({ ...roundPosition(EXACT), registered: false });
    expect(roundPosition(EXACT)).toEqual({ lat: 16.477, lng: 107.609 });
  });

  it("an inspection nobody reported is not public, nor a ticket whose every report is withdrawn", () => {
    expect(publicView(ticket({ source: "inspection", reports: [] }))).toBeUndefined();
    expect(publicView(ticket({ state: "withdrawn", reports: [{ ...ticket().reports[0]!, withdrawnAt: later(1) }] }))).toBeUndefined();
  });

  it("a photo marked publishable but from a withdrawn report is not shown", () => {
    const second = { ...ticket().reports[0]!, accountId: "B", evidenceIds: ["eeeeeeeeeeeeeeeeeeeeeee3"] };
    const p = publicView(ticket({ reports: [{ ...ticket().reports[0]!, withdrawnAt: later(1) }, second] }), VENUE)!;
    expect(p.photos).toEqual([]);
  });
});
