import fc from "fast-check";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hueUnits, hueWardsGeoJson } from "../../simulator/demo/demo-world.js";
import { distanceM } from "../../services/routing/distance.js";
import { importWards } from "../../services/routing/ward-import.js";
import { placeName } from "../../services/routing/ward-ref.js";
import { MERGE_RADIUS_M } from "../../services/tickets/merge-rule.js";
import { useTestDatabase } from "../support/database.js";
import { hueLocator, nearOneOf, placeNear, runs, spots } from "../support/hue-places.js";
import { postForm, postMultipart } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

/**
 * The merge rule's invariants end to end: generated reports (places on Huế's real boundaries,
 * types, codes, in random order) filed over HTTP through Open311, the product's own pipeline;
 * after every answer the database and the answer are checked. Few runs: each is real requests.
 */
const db = useTestDatabase();
let s: Open311Server;
let key = "";
const locator = hueLocator();
const codes: Record<string, Buffer> = {};

beforeAll(async () => {
  s = await startOpen311Server(db(), { requestsPerMinute: 100_000 });
  const geojson = hueWardsGeoJson();
  await importWards(s.stores.wards, { fileName: "hue-units.json", text: hueUnits(geojson) }, [{ fileName: "hue-wards.geojson", text: geojson }], "test");
  await s.directory.refresh();
  key = (await s.key("Trung tâm IOC Huế", "46")).key;
  // Small QR images (decoded by the server like any photo): two different posters' codes.
  for (const c of ["https://example.vn/qr/a", "https://example.vn/qr/b"]) codes[c] = await QRCode.toBuffer(c, { width: 240, margin: 4 });
});
afterAll(() => s?.close());

const report = fc.record({
  at: nearOneOf(2),
  type: fc.constantFrom("no_poster", "wrong_info", "unscannable"),
  code: fc.constantFrom(undefined, "https://example.vn/qr/a", "https://example.vn/qr/b"),
});

describe("Open311 reports on real boundaries keep the merge rule's invariants", () => {
  it("every report sits in a ticket of the ward containing its place, within the radius of its place, and the answer names that ticket's ward", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spots(), { minLength: 2, maxLength: 2 }), fc.array(report, { minLength: 1, maxLength: 6 }), async (where, reports) => {
        await db().collection("tickets").deleteMany({});
        for (const r of reports) {
          const place = placeNear(where, r.at);
          const ward = locator.locate(place.lat, place.lng);
          if (!ward) continue;
          const fields = {
            api_key: key, service_code: r.type, lat: place.lat.toFixed(5), long: place.lng.toFixed(5),
            ...(r.type === "unscannable" ? { "attribute[if_readable]": "file" } : r.type === "wrong_info" ? { "attribute[if_official]": "file" } : {}),
          };
          const answer = r.code
            ? await postMultipart<{ service_request_id: string; service_notice: string }[]>(`${s.base}/requests.json`, fields, codes[r.code])
            : await postForm<{ service_request_id: string; service_notice: string }[]>(`${s.base}/requests.json`, fields);
          expect(answer.status).toBe(200);
          const ticket = (await s.stores.tickets.byNumber(answer.body[0]!.service_request_id))!;
          // The ward told is the ticket's ward, and the ticket's ward contains the report's place.
          expect(answer.body[0]!.service_notice).toContain(`Phường/xã chịu trách nhiệm: ${placeName(s.directory.byCode(ticket.wardCode)!)}`);
          expect(ticket.wardCode).toBe(ward.code);
          for (const t of await s.stores.tickets.listing({}, { skip: 0, limit: 100 })) {
            const own = new Set(t.reports.map((x) => x.decodedText).filter(Boolean));
            expect(own.size).toBeLessThanOrEqual(1);
            for (const x of t.reports) {
              expect(locator.locate(x.location!.lat, x.location!.lng)!.code).toBe(t.wardCode);
              expect(distanceM(x.location!, t.location!)).toBeLessThanOrEqual(MERGE_RADIUS_M);
            }
          }
        }
      }),
      runs(6),
    );
  });
});
