import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp } from "../../app/start-app.js";
import { createStores } from "../../models/index.js";
import { loadConfig } from "../../platform/config.js";
import { openConnection } from "../../platform/database.js";
import { createLogger } from "../../platform/logger.js";
import { createApiKey } from "../../services/access/api-keys.js";
import { importVenues } from "../../services/registry/venue-import.js";
import { importWards } from "../../services/routing/ward-import.js";
import { freePort } from "../support/free-port.js";
import { adminCookie } from "../support/console-client.js";

/**
 * Which provinces a deployment serves, asked of every surface that picks provinces unasked: the
 * public reports, Open311's discovery, the console's map, statistics, queue filter and compliance
 * page. A real deployment imports the national units file (34 provinces, Hà Nội's wards first)
 * with its own province's boundaries and venues; no surface may then show "the first province".
 */
const dir = fileURLToPath(new URL("../../../shared/data/vn-admin-units/", import.meta.url));
const FILES = ["units-2026-07-25.json", "wards-46_hue.geojson", "wards-12_lai_chau.geojson"];
const present = FILES.every((f) => existsSync(dir + f));
if (!present) console.warn(`SKIPPED: the national units file and boundaries not found in ${dir}`);
const file = (fileName: string) => ({ fileName, text: readFileSync(dir + fileName, "utf8") });

const HUE_WARDS = 40;
const LAI_CHAU_WARDS = 38;
const VENUES = "code,name,address,category,ward_code,lat,lng,status,qr_payloads\nHUE-0201,Khách sạn Hương Giang,\"51 Lê Lợi, Thuận Hoá\",hotel_guesthouse,19789,16.4668,107.5912,active,\n";

/** One deployment on its own database: the whole country's wards, the boundaries of the files given, venues in Huế only. */
async function deployment(env: Record<string, string>, boundaries: string[]) {
  const dbName = `t_served_${randomBytes(5).toString("hex")}`;
  const conn: Connection = await openConnection(inject("mongoUri"), dbName);
  const stores = createStores(conn);
  await stores.syncIndexes();
  await importWards(stores.wards, file(FILES[0]!), boundaries.map(file));
  expect(await importVenues(stores.venues, new TextEncoder().encode(VENUES), () => true)).toMatchObject({ added: 1 });
  const uri = new URL(inject("mongoUri"));
  uri.pathname = `/${dbName}`;
  const app = await startApp(loadConfig({ SIMULATOR: "off", MONGODB_URI: uri.href, HTTP_PORT: String(await freePort()), ...env }), createLogger("silent"));
  const base = app.httpUrl!;
  const cookie = await adminCookie(base, app.stores, "served-admin");
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    expect(res.status, path).toBe(200);
    return res.text();
  };
  return {
    app, base, page,
    staff: (path: string) => page(path, { cookie }),
    async close() {
      await app.stop();
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** The options of a named select on a page. */
const options = (page: string, name: string) =>
  [...(new RegExp(`<select name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(page)?.[1] ?? "").matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!).filter(Boolean);

describe.skipIf(!present)("the provinces a deployment serves, on every surface", () => {
  describe("unset: the province of its venues and boundaries, not the country's first", () => {
    let d: Deployment;
    beforeAll(async () => {
      d = await deployment({}, ["wards-46_hue.geojson"]);
    }, 180_000);
    afterAll(() => d?.close());

    it("public reports name Huế, list its wards and draw its boundaries", async () => {
      const page = await d.page("/reports");
      expect(page).toContain("Thành phố Huế");
      expect(page).not.toContain("Hà Nội");
      expect(options(page, "ward")).toHaveLength(HUE_WARDS);
      expect(options(page, "province")).toEqual([]);
      const wards = JSON.parse(await d.page("/reports/wards.json")) as { features: unknown[] };
      expect(wards.features).toHaveLength(HUE_WARDS);
    });

    it("Open311 lists Huế as its one jurisdiction", async () => {
      expect(JSON.parse(await d.page("/open311/v2/discovery.json"))).toMatchObject({ jurisdictions: ["46"] });
    });

    it("the console's map, statistics, queue filter and compliance page cover Huế", async () => {
      for (const path of ["/console/map", "/console/statistics", "/console/compliance"]) {
        const page = await d.staff(path);
        expect(page, path).toContain("Thành phố Huế");
        expect(page, path).not.toContain("Hà Nội");
      }
      expect(options(await d.staff("/console/queue"), "ward")).toHaveLength(HUE_WARDS);
    });
  });

  describe("SERVED_PROVINCES=12,46: the first is the default, the other is offered", () => {
    let d: Deployment;
    let number = "";
    beforeAll(async () => {
      d = await deployment({ SERVED_PROVINCES: "12,46" }, ["wards-46_hue.geojson", "wards-12_lai_chau.geojson"]);
      const { key } = await createApiKey(d.app.stores.apiClients, "Trung tâm IOC Huế", undefined, new Date());
      const filed = await fetch(`${d.base}/open311/v2/requests.json`, { method: "POST", body: new URLSearchParams({ api_key: key, service_code: "no_poster", lat: "16.4668", long: "107.5912" }) });
      expect(filed.status).toBe(200);
      number = ((await filed.json()) as { service_request_id: string }[])[0]!.service_request_id;
    }, 180_000);
    afterAll(() => d?.close());

    it("public reports show Lai Châu first, offer Huế, and find a Huế report by its number", async () => {
      const first = await d.page("/reports");
      expect(first).toContain("Tỉnh Lai Châu");
      expect(options(first, "province")).toEqual(["12", "46"]);
      expect(options(first, "ward")).toHaveLength(LAI_CHAU_WARDS);
      expect(first).not.toContain(number);

      const hue = await d.page("/reports?province=46");
      expect(options(hue, "ward")).toHaveLength(HUE_WARDS);
      expect(hue).toContain(number);
      expect(await d.page("/reports?province=46", { "accept-language": "en" })).toContain('id="count">1 report</p>');
      // The map's data and the next pages stay in the province asked for.
      expect(hue).toMatch(/data-wards="\/reports\/wards\.json\?province=46"/);
      expect(hue).toMatch(/data-points="\/reports\/points\.json\?province=46/);
      expect((JSON.parse(await d.page("/reports/points.json?province=46")) as { reports: unknown[][] }).reports.map((r) => r[0])).toEqual([number]);
      expect(await d.page(`/reports/${number}`)).toContain(number);
      // A province it does not serve is no page: the default one is shown.
      expect(await d.page("/reports?province=01")).toContain("Tỉnh Lai Châu");
    });

    it("Open311 lists both jurisdictions in the configured order", async () => {
      expect(JSON.parse(await d.page("/open311/v2/discovery.json"))).toMatchObject({ jurisdictions: ["12", "46"] });
    });

    it("the console's pages offer both provinces and the queue filters by both provinces' wards", async () => {
      for (const path of ["/console/map", "/console/statistics"]) expect(options(await d.staff(path), "province"), path).toEqual(["12", "46"]);
      expect(options(await d.staff("/console/queue"), "ward")).toHaveLength(LAI_CHAU_WARDS + HUE_WARDS);
    });
  });
});
