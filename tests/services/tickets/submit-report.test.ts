import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createStores, type Stores } from "../../../models/index.js";
import { submitReport, type ReportSubmission } from "../../../services/tickets/submit-report.js";
import { provincePrefix } from "../../../services/tickets/ticket-number.js";
import { useTestDatabase } from "../../support/database.js";

const db = useTestDatabase();
let stores: Stores;
let photo: Buffer;
beforeAll(async () => {
  stores = createStores(db());
  await stores.syncIndexes();
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#345" } }).jpeg().toBuffer();
});

const ward = { code: "19789", name: "Thuận Hoá", kind: "Phường", provinceCode: "46", provinceName: "Huế" };
const now = new Date("2026-11-23T05:00:00Z");
const at = (lat: number, lng: number, accountId = "a1"): ReportSubmission => ({
  accountId, channel: "telegram", violationType: "no_poster", ward, location: { lat, lng }, photos: [{ bytes: photo, mime: "image/jpeg" }], flags: [],
});

describe("opening or merging a ticket", () => {
  it("numbers tickets per province and month, uniquely even when reports arrive together", async () => {
    expect(provincePrefix("Thành phố Huế")).toBe("HUE");
    expect(provincePrefix("Đà Nẵng")).toBe("DAN");
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => submitReport(stores, at(16.45 + i * 0.002, 107.56), now)));
    expect(new Set(results.map((r) => r.ticketNumber)).size).toBe(5);
    for (const r of results) expect(r.ticketNumber).toMatch(/^HUE-2611-\d{4}$/);
  });

  it("merges a report within 50 m of an open ticket of the same type, not one 80 m away or after it closed", async () => {
    const first = await submitReport(stores, at(16.46, 107.57), now);
    const near = await submitReport(stores, at(16.4603, 107.5701, "a2"), new Date(now.getTime() + 86_400_000));
    expect(near).toMatchObject({ merged: true, ticketNumber: first.ticketNumber });
    const far = await submitReport(stores, at(16.4607, 107.5701, "a3"), now);
    expect(far.merged).toBe(false);
    await stores.tickets.transition(first.ticketId, "new", "no_violation", { at: now, action: "close", to: "no_violation" });
    expect((await submitReport(stores, at(16.46, 107.57, "a4"), now)).merged).toBe(false);
    expect((await stores.tickets.byId(first.ticketId))!.reports.map((r) => r.accountId)).toEqual(["a1", "a2"]);
    expect(await stores.outbox.byKeyPrefix(`ward:${first.ticketId}:`)).toHaveLength(2);
  });
});
