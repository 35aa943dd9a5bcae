import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionTicket } from "../../services/tickets/transition.js";
import { useTestDatabase } from "../support/database.js";
import { asText, bothFormats, postForm, postMultipart, xmlAsJson, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

/** Issue 28's findings, each over HTTP in XML and JSON, on a deployment configured as Huế's would be. */
const db = useTestDatabase();
let s: Open311Server;
let key = "";
const IOC = "https://ioc.hue.gov.vn";
const HERE = { lat: "16.455", long: "107.600" }; // An Cựu
type Errors = { code: number; description: string }[];
type Request = Record<string, unknown>;

beforeAll(async () => {
  s = await startOpen311Server(db(), {
    jurisdictionIds: ["hue.gov.vn", "46"], corsOrigins: [IOC], contact: "mailto:open311@hue.gov.vn", keyService: "https://qr.hue.gov.vn/open311-key",
  });
  key = (await s.key("Trung tâm IOC Huế")).key;
});
afterAll(() => s?.close());

/** The same refusal in both formats: the status, the spec's errors array, one description matching. */
async function refusedBoth(path: string, query: string, status: number, description: RegExp): Promise<void> {
  const { json } = await bothFormats<Errors>(s.base, path, query);
  expect(json.status).toBe(status);
  expect(json.body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
}

const file = async (fields: Record<string, string>) => postForm<{ service_request_id: string }[]>(`${s.base}/requests.json`, { api_key: key, ...fields });

describe("Open311 as integrators call it (issue 28)", () => {
  it("jurisdiction_id as a domain is served, listed in discovery with the configured contact and key service; an unknown one is the spec's 404", async () => {
    const discovery = (await bothFormats<Record<string, unknown>>(s.base, "discovery", "?jurisdiction_id=hue.gov.vn")).json.body;
    expect(discovery).toMatchObject({ jurisdictions: ["hue.gov.vn", "46"], contact: "mailto:open311@hue.gov.vn", key_service: "https://qr.hue.gov.vn/open311-key" });
    for (const id of ["hue.gov.vn", "HUE.GOV.VN", "46"]) expect((await bothFormats(s.base, "services", `?jurisdiction_id=${id}`)).json.status).toBe(200);
    expect((await bothFormats(s.base, "services")).json.status).toBe(200);
    await refusedBoth("services", "?jurisdiction_id=hcm.gov.vn", 404, /jurisdiction_id hcm\.gov\.vn.*hue\.gov\.vn, 46/);
    await refusedBoth("requests", "?jurisdiction_id=79", 404, /jurisdiction_id 79/);
  });

  it("service_request_id overrides every other argument: a closed ticket asked for with status=open and another service_code", async () => {
    const filed = await file({ service_code: "no_poster", ...HERE, jurisdiction_id: "hue.gov.vn" });
    expect(filed.status).toBe(200);
    const number = filed.body[0]!.service_request_id;
    const ticket = (await s.stores.tickets.byNumber(number))!;
    const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-19815")).id, "officer", { wardCode: ticket.wardCode }))!;
    expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
    expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "close", outcome: "violation_confirmed" })).toMatchObject({ ok: true });
    const { json } = await bothFormats<Request[]>(s.base, "requests", `?service_request_id=${number}&status=open&service_code=wrong_info&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z`);
    expect(json.body).toMatchObject([{ service_request_id: number, status: "closed" }]);
  });

  it("an unknown service_code is 404, on POST as on GET", async () => {
    for (const format of ["json", "xml"]) {
      const answer = await postForm<string>(`${s.base}/requests.${format}`, { api_key: key, service_code: "potholes", ...HERE });
      expect(answer.status).toBe(404);
      const errors = format === "json" ? answer.body : xmlAsJson(answer.text);
      expect(asText(errors)).toEqual([{ code: "404", description: expect.stringMatching(/service_code potholes/) }]);
    }
    await refusedBoth("requests", "?service_code=potholes", 404, /potholes/);
    await refusedBoth("services/potholes", "", 404, /potholes/);
  });

  it("a span over 90 days is 400; status and ids repeated or comma-separated read the same", async () => {
    await refusedBoth("requests", "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400, /90 ngày/);
    await refusedBoth("servicerequestupdates", "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400, /90 ngày/);
    await refusedBoth("requests", "?start_date=2026-11-02T00:00:00Z&end_date=2026-11-01T00:00:00Z", 400, /90 ngày/);
    expect((await bothFormats(s.base, "requests", "?start_date=2026-09-01T00:00:00Z&end_date=2026-11-30T00:00:00Z")).json.status).toBe(200);
    const a = await file({ service_code: "no_poster", ...HERE });
    const b = await file({ service_code: "unscannable", lat: "16.4821", long: "107.6051", "attribute[if_readable]": "file" });
    const [x, y] = [a.body[0]!.service_request_id, b.body[0]!.service_request_id];
    const ids = (r: Answer<Request[]>) => r.body.map((q) => q.service_request_id).sort();
    const repeated = (await bothFormats<Request[]>(s.base, "requests", `?status=open&status=closed&service_request_id=${x}&service_request_id=${y}`)).json;
    const commas = (await bothFormats<Request[]>(s.base, "requests", `?status=open,closed&service_request_id=${x},${y}`)).json;
    expect(ids(repeated)).toEqual([x, y].sort());
    expect(ids(commas)).toEqual(ids(repeated));
    expect(ids((await bothFormats<Request[]>(s.base, "requests", "?service_code=no_poster&service_code=unscannable&status=open&status=closed")).json)).toEqual(expect.arrayContaining([x, y]));
  });

  it("a partner reads back the description and address it sent (4,000 characters, markup stripped); the public and other keys read the written one", async () => {
    const long = `<p>Quán ở góc đường</p>${"ư".repeat(3970)}`;
    const filed = await file({ service_code: "wrong_info", lat: "16.4650", long: "107.5900", "attribute[if_official]": "file", address_string: "Kiệt 5 Hùng Vương", description: long });
    const number = filed.body[0]!.service_request_id;
    const mine = (await bothFormats<Request[]>(s.base, `requests/${number}`, `?api_key=${key}`)).json.body[0]!;
    expect(mine).toMatchObject({ description: `Quán ở góc đường\n${"ư".repeat(3970)}`, address: "Kiệt 5 Hùng Vương" });
    expect((await bothFormats<Request[]>(s.base, "requests", `?api_key=${key}&service_request_id=${number}`)).json.body[0]).toMatchObject(mine);
    const other = (await s.key("Ứng dụng khác")).key;
    for (const query of ["", `?api_key=${other}`]) {
      const seen = (await bothFormats<Request[]>(s.base, `requests/${number}`, query)).json;
      expect(seen.body[0]).toMatchObject({ description: "Mã QR sai thông tin. Kiểm tra mã trên ảnh: không có mã.", address: null });
      expect(seen.text).not.toContain("Kiệt 5");
      expect(seen.text).not.toContain("góc đường");
    }
  });

  it("field errors name the field and why; the definitions' examples are the deployment's own codes", async () => {
    const venue = await file({ service_code: "no_poster", address_string: "1 Lê Lợi", "attribute[venue_code]": "HUE-9999" });
    expect(venue).toMatchObject({ status: 400, body: [{ code: 400, description: "attribute[venue_code]: không có cơ sở nào mang mã HUE-9999." }] });
    const ward = await file({ service_code: "no_poster", address_string: "1 Lê Lợi", "attribute[ward_code]": "99999" });
    expect(ward.body).toEqual([{ code: 400, description: expect.stringMatching(/attribute\[ward_code\]: không có phường\/xã nào mang mã 99999/) }]);
    const choice = await file({ service_code: "unscannable", ...HERE, "attribute[if_readable]": "maybe" });
    expect(choice.body).toEqual([{ code: 400, description: expect.stringMatching(/attribute\[if_readable\] phải là một trong file, drop/) }]);
    const { json } = await bothFormats<{ attributes: { code: string; description: string }[] }>(s.base, "services/no_poster");
    const example = /ví dụ ([^)]+)\)/.exec(json.body.attributes.find((a) => a.code === "venue_code")!.description)![1]!;
    expect(await s.stores.venues.byCode(example)).toMatchObject({ status: "active" });
    const wardExample = /ví dụ ([^)]+)\)/.exec(json.body.attributes.find((a) => a.code === "ward_code")!.description)![1]!;
    expect(wardExample).toBe((await s.stores.venues.byCode(example))!.wardCode);
  });

  it("CORS: a configured origin's preflight is granted GET and POST, its reads and keyed POST carry its origin; another origin gets no grant, never a wildcard", async () => {
    const preflight = (origin: string) =>
      fetch(`${s.base}/requests.json`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    const granted = await preflight(IOC);
    expect(granted.status).toBe(204);
    expect(Object.fromEntries([...granted.headers].filter(([k]) => k.startsWith("access-control-")))).toEqual({
      "access-control-allow-origin": IOC, "access-control-allow-methods": "GET, POST", "access-control-allow-headers": "Content-Type, Accept-Language", "access-control-max-age": "600",
    });
    const refused = await preflight("https://evil.example");
    expect([...refused.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    const read = await fetch(`${s.base}/services.xml`, { headers: { origin: IOC } });
    expect(read.headers.get("access-control-allow-origin")).toBe(IOC);
    expect(read.headers.get("access-control-allow-credentials")).toBeNull();
    expect((await fetch(`${s.base}/services.json`, { headers: { origin: "https://evil.example" } })).headers.get("access-control-allow-origin")).toBeNull();
    const post = await fetch(`${s.base}/requests.json`, { method: "POST", headers: { origin: IOC }, body: new URLSearchParams({ api_key: key, service_code: "no_poster", ...HERE }) });
    expect(post.status).toBe(200);
    expect(post.headers.get("access-control-allow-origin")).toBe(IOC);
    const keyless = await fetch(`${s.base}/requests.json`, { method: "POST", headers: { origin: IOC }, body: new URLSearchParams({ service_code: "no_poster", ...HERE }) });
    expect(keyless.status).toBe(403);
    expect(keyless.headers.get("access-control-allow-origin")).toBe(IOC);
  });

  it("errors raised below the routes are in the spec's format with the right limit: 431 headers, 413 form, photo and parts, 415 JSON", async () => {
    for (const format of ["json", "xml"]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const url = new URL(s.base);
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.write(`GET ${url.pathname}/services.${format} HTTP/1.1\r\nHost: ${url.host}\r\nAccept-Language: en\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
        });
        let text = "";
        socket.on("data", (d: Buffer) => (text += d.toString()));
        socket.on("close", () => resolve(text));
        socket.on("error", reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
      const errors = format === "json" ? JSON.parse(body) : xmlAsJson(body);
      expect(asText(errors)).toEqual([{ code: "431", description: "The request headers are too large (at most 16 KB in all)." }]);
    }
    const form = await postForm<Errors>(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", ...HERE, description: "x".repeat(300 * 1024) });
    expect(form).toMatchObject({ status: 413, body: [{ code: 413, description: expect.stringMatching(/256 KB/) }] });
    const huge = Buffer.alloc(9 * 1024 * 1024, 0xff);
    const photo = await postMultipart<Errors>(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", ...HERE }, huge);
    expect(photo).toMatchObject({ status: 413, body: [{ code: 413, description: expect.stringMatching(/8 MB/) }] });
    const parts = await postMultipart<Errors>(`${s.base}/requests.json`, { api_key: key, ...Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`f${i}`, "x"])) });
    expect(parts).toMatchObject({ status: 413, body: [{ code: 413, description: expect.stringMatching(/40 trường/) }] });
    const json = await fetch(`${s.base}/requests.xml`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: key }) });
    expect(json.status).toBe(415);
    expect(xmlAsJson(await json.text())).toEqual([{ code: "415", description: expect.stringMatching(/x-www-form-urlencoded/) }]);
  });
});
