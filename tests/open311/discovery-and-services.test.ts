import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { bothFormats, get, xmlAsJson } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

const db = useTestDatabase();
let s: Open311Server;
beforeAll(async () => {
  s = await startOpen311Server(db());
});
afterAll(() => s?.close());

describe("Open311 discovery and services, in XML and JSON", () => {
  it("discovery names the contact, the key service and one production endpoint with both formats", async () => {
    const { json } = await bothFormats<Record<string, unknown>>(s.base, "discovery");
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      contact: expect.stringMatching(/vận hành/),
      key_service: expect.stringMatching(/khoá API/),
      jurisdictions: ["46"],
      endpoints: [{ specification: "http://wiki.open311.org/GeoReport_v2", url: s.base, type: "production", formats: ["text/xml", "application/json"] }],
    });
    expect(json.body.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
  });

  it("with PUBLIC_URL set, links name the public address whatever Host the request carries", async () => {
    const behindProxy = await startOpen311Server(db(), { publicUrl: "https://qr.hue.example.vn" });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const url = new URL(`${behindProxy.base}/discovery.json`);
        request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: "evil.example" } }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve(body));
        }).on("error", reject).end();
      });
      expect(JSON.parse(answer).endpoints[0].url).toBe("https://qr.hue.example.vn/open311/v2");
    } finally {
      await behindProxy.close();
    }
  });

  it("one realtime service per violation type, with metadata as a real boolean and Vietnamese names first", async () => {
    const { json, xml } = await bothFormats<Record<string, unknown>[]>(s.base, "services");
    expect(json.body.map((x) => x.service_code)).toEqual(["no_poster", "wrong_info", "unscannable"]);
    for (const service of json.body) expect(service).toMatchObject({ metadata: true, type: "realtime", group: "Mã QR check-in" });
    expect(json.body[0]!.service_name).toBe("Không dán mã QR");
    expect(xml.text).toContain("<metadata>true</metadata>");
    const english = await get<Record<string, unknown>[]>(`${s.base}/services.json`, { "accept-language": "en-GB,en;q=0.8" });
    expect(english.body[0]!.service_name).toBe("No QR poster");
  });

  it("service definitions: the venue's code and ward as optional strings, the confirmation the chat asks as a required choice", async () => {
    const unscannable = await bothFormats<{ service_code: string; attributes: Record<string, unknown>[] }>(s.base, "services/unscannable");
    expect(unscannable.json.body.service_code).toBe("unscannable");
    expect(unscannable.json.body.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ["venue_code", "string", false, 1],
      ["ward_code", "string", false, 2],
      ["if_readable", "singlevaluelist", true, 3],
    ]);
    expect(unscannable.json.body.attributes[2]).toMatchObject({ variable: true, values: [{ key: "file", name: "Vẫn gửi" }, { key: "drop", name: "Không gửi" }] });
    const wrong = await bothFormats<{ attributes: { code: string }[] }>(s.base, "services/wrong_info");
    expect(wrong.json.body.attributes.map((a) => a.code)).toEqual(["venue_code", "ward_code", "if_official"]);
    const none = await bothFormats<{ attributes: { code: string }[] }>(s.base, "services/no_poster");
    expect(none.json.body.attributes.map((a) => a.code)).toEqual(["venue_code", "ward_code"]);
  });

  it("an unknown service, jurisdiction or path is a 404 in the spec's error format", async () => {
    const unknown = await bothFormats<{ code: number; description: string }[]>(s.base, "services/potholes");
    expect(unknown.json.status).toBe(404);
    expect(unknown.json.body).toEqual([{ code: 404, description: expect.stringContaining("potholes") }]);
    expect((await bothFormats(s.base, "services", "?jurisdiction_id=79")).json.status).toBe(404);
    expect((await get(`${s.base}/services.json?jurisdiction_id=46`)).status).toBe(200);
    const nowhere = await get<string>(`${s.base}/nothing-here.xml`);
    expect(nowhere.status).toBe(404);
    expect(xmlAsJson(nowhere.text)).toEqual([{ code: "404", description: expect.any(String) }]);
    expect((await get(`${s.base}/services.html`)).status).toBe(404);
  });
});
