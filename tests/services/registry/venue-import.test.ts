import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { venueStore } from "../../../models/venue.js";
import { exportVenues } from "../../../services/registry/venue-export.js";
import { importVenues } from "../../../services/registry/venue-import.js";
import { useTestDatabase } from "../../support/database.js";

const HEADER = "code,name,address,category,ward_code,lat,lng,status,qr_payloads";
const GOOD = "V-1,Quán Bún Bò Mệ Kéo,\"20 Bạch Đằng, Phú Xuân\",restaurant_cafe,19753,16.47,107.58,active,HTTPS://TOKHAIYTE.VN/checkin/?b=2&a=1";
const known = (code: string) => ["19753", "19789"].includes(code);
const utf8 = (s: string) => new TextEncoder().encode(s);

async function exported(venues: ReturnType<typeof venueStore>): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  await exportVenues(venues, out);
  return Buffer.concat(chunks).toString("utf8");
}

describe("importing venues from CSV", () => {
  const db = useTestDatabase();
  let venues: ReturnType<typeof venueStore>;
  beforeAll(async () => {
    venues = venueStore(db());
    await venues.syncIndexes();
  });

  it("reports each bad row with its line and reason and imports the good rows", async () => {
    const csv = [
      HEADER,
      GOOD,
      "V-2,Khách sạn Sao Mai,1 Lê Lợi,hotel_guesthouse,19789,16.46",
      "V-3,Chợ Tây,2 Lê Lợi,market,19789,abc,107.58,,",
      "V-4,Chợ Nam,3 Lê Lợi,market,19789,107.58,16.46,,",
      "V-1,Bản sao,4 Lê Lợi,market,19789,16.46,107.58,,",
      "V-5,Nhà hàng Xa,5 Lê Lợi,restaurant_cafe,99999,16.46,107.58,,",
      "V-6,Phòng gym,6 Lê Lợi,gym_and_pool,19789,16.46,107.58,,",
      "V-7,Quán Ốc,7 Lê Lợi,restaurant_cafe,19789,16.46,107.58,open,",
      "V-8,Siêu thị Co.op,8 Lê Lợi,supermarket_shop,19789,16.461,107.581,,",
    ].join("\r\n");
    const summary = await importVenues(venues, utf8("\uFEFF" + csv), known);
    expect(summary.rejected).toEqual([
      { where: "line 3", reason: "missing_cells", detail: "6 of 9 columns" },
      { where: "line 4", reason: "bad_coordinates", detail: "abc,107.58" },
      { where: "line 5", reason: "coordinates_outside_vietnam", detail: "107.58,16.46" },
      { where: "line 6", reason: "duplicate_code", detail: "V-1 already on line 2" },
      { where: "line 7", reason: "unknown_ward", detail: "99999" },
      { where: "line 8", reason: "bad_category", detail: "gym_and_pool" },
      { where: "line 9", reason: "bad_status", detail: "open" },
    ]);
    expect(summary).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    const v1 = await venues.byCode("V-1");
    expect(v1).toMatchObject({ name: "Quán Bún Bò Mệ Kéo", wardCode: "19753", status: "active", location: { lat: 16.47, lng: 107.58 } });
    expect(v1?.qrPayloads).toEqual(["https://tokhaiyte.vn/checkin?a=1&b=2"]);
    expect(await venues.byCode("V-2")).toBeUndefined();
  });

  it("re-import upserts by code: unchanged rows stay, changed rows update, new rows add", async () => {
    const csv = [HEADER, GOOD, "V-8,Siêu thị Co.op Xtra,8 Lê Lợi,supermarket_shop,19789,16.461,107.581,suspended,", "V-9,Trường THPT,9 Lê Lợi,school,19789,16.462,107.582,,"].join("\n");
    expect(await importVenues(venues, utf8(csv), known)).toEqual({ added: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(await venues.byCode("V-8")).toMatchObject({ name: "Siêu thị Co.op Xtra", status: "suspended" });
  });

  it("refuses a whole file in the wrong encoding or without the required columns", async () => {
    const latin1 = Buffer.from(`${HEADER}\nV-10,Caf\xe9,1 Street,restaurant_cafe,19753,16.47,107.58,,\n`, "latin1");
    await expect(importVenues(venues, latin1, known)).rejects.toMatchObject({ reason: "not_utf8" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, "utf16le")]);
    await expect(importVenues(venues, utf16, known)).rejects.toMatchObject({ reason: "not_utf8" });
    await expect(importVenues(venues, utf8("code,name,lat\nV-11,X,16\n"), known)).rejects.toMatchObject({ reason: "missing_columns" });
    expect(await venues.byCode("V-10")).toBeUndefined();
  });

  it("exports every venue in the import's columns, and the export re-imports unchanged", async () => {
    const csv = await exported(venues);
    expect(csv.startsWith("\uFEFF" + HEADER)).toBe(true);
    expect(csv).toContain("V-1,Quán Bún Bò Mệ Kéo,\"20 Bạch Đằng, Phú Xuân\",restaurant_cafe,19753,16.47,107.58,active,https://tokhaiyte.vn/checkin?a=1&b=2");
    expect(await importVenues(venues, utf8(csv), known)).toEqual({ added: 0, updated: 0, unchanged: 3, rejected: [] });
  });
});
