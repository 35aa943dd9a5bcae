import sharp from "sharp";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, expect } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { REPORTS_PREFIX, reportsPlugin } from "../../public-reports/plugin.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { postMultipart, type Answer } from "./open311-client.js";
import { startOpen311Server, type Open311Server } from "./open311-server.js";

/** What a resident typed into every report of the world: never to be seen on a public page. */
export const PUBLIC_WORLD_NOTE = "Chủ quán số 0905111222, nhà tôi ở kiệt 7";

export interface PublicWorld {
  s: Open311Server;
  /** The reports by name: vyDa (acknowledged, photo published), anCuu (new), gone (withdrawn). */
  numbers: Record<"vyDa" | "anCuu" | "gone", string>;
  /** How often the public pages asked the database for their tickets so far. */
  loads(): number;
  page(path: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }>;
}

/**
 * Open311 and /reports on one server, with three residents' reports filed through the real pipeline in three
 * wards: an officer acknowledges one and publishes its photo, another is withdrawn. Started in beforeAll.
 */
export function usePublicWorld(db: () => Connection): () => PublicWorld {
  let world: PublicWorld | undefined;
  beforeAll(async () => {
    let loads = 0;
    const s = await startOpen311Server(db(), {
      alongside: async (server, w) => {
        const tickets = { ...w.stores.tickets, publicBetween: (...a: Parameters<typeof w.stores.tickets.publicBetween>) => (loads++, w.stores.tickets.publicBetween(...a)) };
        await server.register(reportsPlugin({ stores: { ...w.stores, tickets }, directory: w.directory, clock: w.clock, logger: createLogger("silent"), defaultLocale: "vi", links: { telegram: "https://t.me/qr_checkin_report_bot" } }), { prefix: REPORTS_PREFIX });
      },
    });
    const made = await s.key("Trung tâm IOC Huế", "46");
    const file = async (service_code: string, lat: string, long: string): Promise<string> => {
      const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#7d6a55" } }).jpeg().withExif({ IFD0: { Make: "Samsung" } }).toBuffer();
      const filed: Answer<{ service_request_id: string }[]> = await postMultipart(`${s.base}/requests.json`, { api_key: made.key, service_code, lat, long, description: PUBLIC_WORLD_NOTE, ...(service_code === "wrong_info" ? { "attribute[if_official]": "file" } : service_code === "unscannable" ? { "attribute[if_readable]": "file" } : {}) }, photo);
      expect([filed.status, filed.text]).toEqual([200, expect.any(String)]);
      return filed.body[0]!.service_request_id;
    };
    const numbers = { vyDa: await file("no_poster", "16.48234", "107.60467"), anCuu: await file("wrong_info", "16.4552", "107.6002"), gone: await file("unscannable", "16.4701", "107.5802") };
    const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-19777")).id, "officer", { wardCode: "19777" }))!;
    const vyDa = (await s.stores.tickets.byNumber(numbers.vyDa))!;
    s.now.value = new Date(s.now.value.getTime() + 3 * 3600e3);
    expect(await transitionTicket(s.transitions, officer.id, vyDa.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
    expect(await transitionTicket(s.transitions, officer.id, vyDa.id, { kind: "publish_photo", evidenceId: vyDa.reports[0]!.evidenceIds[0]!, publish: true })).toMatchObject({ ok: true });
    const reporter = await s.stores.accounts.ensure("open311", made.client.id);
    expect(await transitionTicket(s.transitions, reporter.id, (await s.stores.tickets.byNumber(numbers.gone))!.id, { kind: "withdraw" })).toMatchObject({ ok: true });
    world = {
      s, numbers, loads: () => loads,
      async page(path, headers = {}) {
        const res = await fetch(`${s.origin}${path}`, { headers });
        return { status: res.status, headers: res.headers, text: await res.text() };
      },
    };
  }, 120_000);
  afterAll(async () => {
    await world?.s.close();
  });
  return () => {
    if (!world) throw new Error("the public world is started in beforeAll");
    return world;
  };
}
