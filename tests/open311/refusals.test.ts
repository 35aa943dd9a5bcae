import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { render } from "../../open311/render.js";
import { useTestDatabase } from "../support/database.js";
import { asText, get, postForm, postMultipart, xmlAsJson, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { photograph, renderTestPoster } from "../support/posters.js";

const db = useTestDatabase();
let s: Open311Server;
let key = "";
beforeAll(async () => {
  s = await startOpen311Server(db());
  key = (await s.key("Ứng dụng Hue-S")).key;
});
afterAll(() => s?.close());

type Errors = { code: number; description: string }[];
const HERE = { lat: "16.455", long: "107.600" }; // An Cựu
const stored = async () => ({
  tickets: await db().collection("tickets").countDocuments(),
  evidence: await db().collection("evidences").countDocuments(),
  identities: await db().collection("reporteridentities").countDocuments(),
});

/** The refusal in both formats: the status, the same error in XML, and nothing stored. */
async function refused(fields: Record<string, string>, status: number, description: RegExp, send = postForm): Promise<void> {
  const before = await stored();
  const json: Answer<Errors> = await send(`${s.base}/requests.json`, fields);
  expect(json.status).toBe(status);
  expect(json.body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
  const xml: Answer<string> = await send(`${s.base}/requests.xml`, fields);
  expect(xml.status).toBe(status);
  expect(xmlAsJson(xml.text)).toEqual(asText(json.body));
  expect(await stored()).toEqual(before);
}

describe("Open311 refusals: the spec's error format, the right status, nothing stored", () => {
  it("403 for a missing, wrong or revoked key", async () => {
    await refused({ service_code: "no_poster", ...HERE }, 403, /api_key/);
    await refused({ api_key: "o311_" + "x".repeat(32), service_code: "no_poster", ...HERE }, 403, /api_key/);
    await refused({ api_key: "not a key", service_code: "no_poster", ...HERE }, 403, /api_key/);
    const revoked = await s.key("Hệ thống cũ");
    await s.stores.apiClients.revoke(revoked.client.id, new Date());
    await refused({ api_key: revoked.key, service_code: "no_poster", ...HERE }, 403, /api_key/);
    expect((await get<Errors>(`${s.base}/requests.json?api_key=wrong`)).status).toBe(403);
  });

  it("400 for what the client got wrong: service code, location, attributes, description length, dates, status, pages", async () => {
    await refused({ api_key: key, ...HERE }, 400, /Thiếu service_code/);
    await refused({ api_key: key, service_code: "no_poster" }, 400, /Thiếu vị trí/);
    await refused({ api_key: key, service_code: "no_poster", address_string: "12 Lê Lợi" }, 400, /Thiếu vị trí/);
    await refused({ api_key: key, service_code: "no_poster", lat: "16.455" }, 400, /lat và long/);
    await refused({ api_key: key, service_code: "no_poster", lat: "91", long: "107.6" }, 400, /lat và long/);
    await refused({ api_key: key, service_code: "no_poster", lat: "0x10", long: "107.6" }, 400, /lat và long/);
    await refused({ api_key: key, service_code: "unscannable", ...HERE }, 400, /Thiếu attribute\[if_readable\]/);
    await refused({ api_key: key, service_code: "unscannable", ...HERE, "attribute[if_readable]": "maybe" }, 400, /attribute\[if_readable\]/);
    await refused({ api_key: key, service_code: "no_poster", ...HERE, "attribute[colour]": "red" }, 400, /attribute\[colour\]/);
    await refused({ api_key: key, service_code: "no_poster", ...HERE, "attribute[venue_code]": "HUE 0001; drop" }, 400, /attribute\[venue_code\]/);
    await refused({ api_key: key, service_code: "no_poster", ...HERE, description: "á".repeat(4001) }, 400, /description dài quá 4\.000 ký tự/);
    await refused({ api_key: key, service_code: "no_poster", lat: "10.0", long: "100.0" }, 400, /ngoài mọi phường/);
    const q = async (query: string) => (await get<Errors>(`${s.base}/requests.json?${query}`)).status;
    expect(await q("start_date=yesterday")).toBe(400);
    expect(await q("start_date=2026-11-01T00:00:00")).toBe(400);
    expect(await q("end_date=2026-13-45T00:00:00Z")).toBe(400);
    expect(await q("status=pending")).toBe(400);
    expect(await q("page_size=5000")).toBe(400);
    expect(await q("page=0")).toBe(400);
    expect(await q("page=abc")).toBe(400);
    expect((await get<string>(`${s.base}/servicerequestupdates.xml?start_date=1.1.2026`)).status).toBe(400);
  });

  it("404 for unknown ids and a jurisdiction that is not served", async () => {
    const json = await get<Errors>(`${s.base}/requests/HUE-2611-9999.json`);
    expect(json.status).toBe(404);
    expect(json.body).toEqual([{ code: 404, description: expect.stringContaining("HUE-2611-9999") }]);
    const xml = await get<string>(`${s.base}/requests/HUE-2611-9999.xml`);
    expect(xmlAsJson(xml.text)).toEqual(asText(json.body));
    expect((await get(`${s.base}/requests/${encodeURIComponent("<script>")}.json`)).status).toBe(404);
    expect((await get(`${s.base}/media/000000000000000000000000.jpg`)).status).toBe(404);
    await refused({ api_key: key, service_code: "no_poster", ...HERE, jurisdiction_id: "79" }, 404, /jurisdiction_id 79/);
    await refused({ api_key: key, service_code: "potholes", ...HERE }, 404, /potholes/);
    expect((await get(`${s.base}/requests.json?service_code=potholes`)).status).toBe(404);
  });

  it("operator-shaped and repeated single-valued parameters are refused, in queries and forms", async () => {
    for (const query of ["service_code[$ne]=x", "service_request_id[$gt]=", "page=1&page=2", "jurisdiction_id.x=1"]) {
      const answer = await get<Errors>(`${s.base}/requests.json?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body[0]!.description).toMatch(/Tham số không hợp lệ/);
    }
    await refused({ api_key: key, "service_code[$ne]": "x", ...HERE }, 400, /service_code\[\$ne\]/);
    await refused({ api_key: key, service_code: "no_poster", ...HERE, "attribute[venue_code][$ne]": "x" }, 400, /Tham số không hợp lệ/);
  });

  it("bodies over the limit (a 10 MB photo, a 10 MB form) and other content types are refused", async () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 0xff);
    await refused({ api_key: key, service_code: "no_poster", ...HERE }, 413, /quá lớn/, (url, fields) => postMultipart(url, fields, huge));
    await refused({ api_key: key, service_code: "no_poster", ...HERE, description: "x".repeat(10 * 1024 * 1024) }, 413, /quá lớn/);
    const json = await fetch(`${s.base}/requests.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: key, service_code: { $ne: "x" } }) });
    expect(json.status).toBe(415);
    expect(await json.json()).toEqual([{ code: 415, description: expect.stringMatching(/multipart/) }]);
  });

  it("malformed bodies are client mistakes, never a 500", async () => {
    const before = await stored();
    const send = (type: string, body: string) => fetch(`${s.base}/requests.json`, { method: "POST", headers: { "content-type": type }, body });
    const answers = [
      await send("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nx"),
      await send("multipart/form-data", "no boundary at all"),
      await send("multipart/form-data; boundary=abc", `--abc\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\n\r\nabc\r\n--abc\r\nContent-Disposition: form-data; name="media"; filename="b.jpg"\r\n\r\nabc\r\n--abc--\r\n`),
      await send("application/x-www-form-urlencoded", "api_key=%E0%A4%A&service_code=%%%"),
      await fetch(`${s.base}/requests.json?%E0%A4%A=1&service_code=%`),
    ];
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expect(await a.json()).toEqual([{ code: a.status, description: expect.any(String) }]);
    }
    expect(await stored()).toEqual(before);
  });

  it("a media file that is no image, and the confirmations the chat would ask, are refused", async () => {
    await refused({ api_key: key, service_code: "no_poster", ...HERE }, 400, /không phải ảnh/, (url, fields) => postMultipart(url, fields, Buffer.from("%PDF-1.4 not a photo")));
    const readable = await photograph(await renderTestPoster({ payload: s.demo.payloads["HUE-0006"]!, venueName: "Bệnh viện An Cựu", address: "20 Hùng Vương" }));
    await refused({ api_key: key, service_code: "unscannable", ...HERE, "attribute[if_readable]": "drop" }, 400, /đọc được mã/, (url, fields) => postMultipart(url, fields, readable));
    await refused({ api_key: key, service_code: "wrong_info", ...HERE, "attribute[if_official]": "drop" }, 400, /mã chính thức/, (url, fields) => postMultipart(url, fields, readable));
  });

  it("markup in a description is stripped (the words kept), the public never reads it; text the API writes is escaped in XML", async () => {
    const markup = `<script>alert("x")</script><b>Không</b> dán mã & "trốn"`;
    const filed: Answer<{ service_request_id: string }[]> = await postForm(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", ...HERE, description: markup });
    expect(filed.status).toBe(200);
    const id = filed.body[0]!.service_request_id;
    expect((await s.stores.tickets.byNumber(id))!.reports[0]!.note).toBe(`Không dán mã & "trốn"`);
    const json = await get<{ description: string }[]>(`${s.base}/requests/${id}.json`);
    expect(json.body[0]!.description).toBe("Không dán mã QR. Kiểm tra mã trên ảnh: không có mã.");
    expect(json.type).toBe("application/json; charset=utf-8");
    expect((await fetch(`${s.base}/requests/${id}.json`)).headers.get("x-content-type-options")).toBe("nosniff");
    const xml = await get<string>(`${s.base}/requests/${id}.xml`);
    expect(xml.text).not.toContain("alert");
    expect(render("xml", "service_requests", [{ description: markup }])).toContain("<description>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Không&lt;/b&gt; dán mã &amp; &quot;trốn&quot;</description>");
    expect(xmlAsJson(render("xml", "service_requests", [{ description: "a\u0000b\u001bc\u202Ed" }]))).toMatchObject([{ description: "a\uFFFDb\uFFFDc\u202Ed" }]);
  });

  it("each key has its rate; past it, 429 with Retry-After", async () => {
    const limited = await startOpen311Server(db(), { requestsPerMinute: 3 });
    try {
      const client = await limited.key("Ứng dụng thử");
      for (let i = 0; i < 3; i++) expect((await get(`${limited.base}/services.json?api_key=${client.key}`)).status).toBe(200);
      const over = await fetch(`${limited.base}/services.json?api_key=${client.key}`);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await get(`${limited.base}/services.json?api_key=${key}`)).status).toBe(200);
      limited.now.value = new Date(limited.now.value.getTime() + 61_000);
      expect((await get(`${limited.base}/services.json?api_key=${client.key}`)).status).toBe(200);
      const audit = await limited.stores.audit.of("api_client", client.client.id);
      expect(audit.map((a) => (a.meta as { status: number }).status)).toEqual([200, 200, 200, 429, 200]);
    } finally {
      await limited.close();
    }
  });
});
