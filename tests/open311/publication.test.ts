import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionTicket } from "../../services/tickets/transition.js";
import { useTestDatabase } from "../support/database.js";
import { bothFormats, get, postMultipart, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

const db = useTestDatabase();
let s: Open311Server;
let key = "";
let clientId = "";
beforeAll(async () => {
  s = await startOpen311Server(db());
  const made = await s.key("Trung tâm IOC Huế", "46");
  [key, clientId] = [made.key, made.client.id];
});
afterAll(() => s?.close());

type Request = Record<string, unknown>;
type Filed = { service_request_id: string }[];

const NOTE = "Chủ quán số 0905111222, gọi tôi 0912345678";
/** Inside Vỹ Dạ, off the 100 m grid, so rounding shows. */
const EXACT = { lat: "16.48234", long: "107.60467" };

/** A phone photo of a door with no poster: the phone's EXIF (device, GPS of the resident's home). */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#8a6d4b" } })
    .jpeg()
    .withExif({ IFD0: { Make: "Samsung", Model: "Galaxy A54" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "16/1 28/1 2042/100", GPSLongitudeRef: "E", GPSLongitude: "107/1 36/1 1681/100" } })
    .toBuffer();
}

async function file(at: { lat: string; long: string } = EXACT): Promise<string> {
  const filed: Answer<Filed> = await postMultipart(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", ...at, description: NOTE, address_string: "Nhà tôi, 7 kiệt 12" }, await phonePhoto());
  expect(filed.status).toBe(200);
  return filed.body[0]!.service_request_id;
}

const officer = async () => (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-19777")).id, "officer", { wardCode: "19777" }))!;
const record = async (number: string) => (await bothFormats<Request[]>(s.base, `requests/${number}`)).json.body[0]!;

describe("Open311 reads show the public view only", () => {
  let number = "";

  it("the resident's note, typed address and exact point never leave: a written description and a point rounded to about 100 m, no photo", async () => {
    number = await file();
    const { json, xml } = await bothFormats<Request[]>(s.base, `requests/${number}`);
    expect(json.body[0]).toMatchObject({ description: "Không dán mã QR. Kiểm tra mã trên ảnh: không có mã.", lat: 16.482, long: 107.605, address: null, media_url: null });
    const list = await get<Request[]>(`${s.base}/requests.json`);
    const updates = await get<Request[]>(`${s.base}/servicerequestupdates.json`);
    expect(list.body.map((r) => r.service_request_id)).toContain(number);
    for (const text of [json.text, xml.text, list.text, updates.text]) {
      for (const secret of ["0905111222", "0912345678", "Chủ quán", "16.48234", "107.60467", "kiệt 12", "Samsung"]) expect(text).not.toContain(secret);
    }
  });

  it("a photo is public only after an officer publishes it: an unguessable address, a re-encoded JPEG without EXIF; taken back, it is gone", async () => {
    const ticket = (await s.stores.tickets.byNumber(number))!;
    const evidenceId = ticket.reports[0]!.evidenceIds[0]!;
    const evidence = (await s.stores.evidence.byId(evidenceId))!;
    for (const id of [evidenceId, evidence.fileId]) expect((await get(`${s.base}/media/${id}.jpg`)).status).toBe(404);

    const o = await officer();
    expect(await transitionTicket(s.transitions, o.id, ticket.id, { kind: "publish_photo", evidenceId, publish: true })).toMatchObject({ ok: true });
    const url = String((await record(number)).media_url);
    expect(url).toMatch(/\/open311\/v2\/media\/[A-Za-z0-9_-]{36}\.jpg$/);
    const media = await fetch(url);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await media.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1280);
    // The ticket's part of the address does not open its photos: the random part must be right.
    const id = url.match(/([A-Za-z0-9_-]{36})\.jpg$/)![1]!;
    const guessed = `${id.slice(0, 16)}${id.slice(16).split("").reverse().join("")}`;
    expect((await get(`${s.base}/media/${guessed}.jpg`)).status).toBe(404);
    expect((await s.stores.audit.of("ticket", ticket.id)).at(-1)).toMatchObject({ action: "publish_photo", actorId: o.id, note: `publish ${evidenceId}` });

    expect(await transitionTicket(s.transitions, o.id, ticket.id, { kind: "publish_photo", evidenceId, publish: false })).toMatchObject({ ok: true });
    expect((await get(url)).status).toBe(404);
    expect((await record(number)).media_url).toBeNull();
    expect(await transitionTicket(s.transitions, o.id, ticket.id, { kind: "publish_photo", evidenceId, publish: true })).toMatchObject({ ok: true });
    expect((await record(number)).media_url).not.toBe(url);
  });

  it("a photo that is not the ticket's cannot be published, and a resident cannot publish", async () => {
    const ticket = (await s.stores.tickets.byNumber(number))!;
    const o = await officer();
    expect(await transitionTicket(s.transitions, o.id, ticket.id, { kind: "publish_photo", evidenceId: "0123456789abcdef01234567", publish: true })).toMatchObject({ ok: false, reason: "invalid_target" });
    const reporter = await s.stores.accounts.ensure("open311", clientId);
    expect(await transitionTicket(s.transitions, reporter.id, ticket.id, { kind: "publish_photo", evidenceId: ticket.reports[0]!.evidenceIds[0]!, publish: true })).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("a ticket whose every report is withdrawn disappears: from the list, the updates, requests/{id} and its published photo", async () => {
    // Far enough from the first not to merge into it (that ticket keeps its report).
    const gone = await file({ lat: "16.4785", long: "107.6085" });
    expect(gone).not.toBe(number);
    const ticket = (await s.stores.tickets.byNumber(gone))!;
    expect(await transitionTicket(s.transitions, (await officer()).id, ticket.id, { kind: "publish_photo", evidenceId: ticket.reports[0]!.evidenceIds[0]!, publish: true })).toMatchObject({ ok: true });
    const url = String((await record(gone)).media_url);
    expect((await get(url)).status).toBe(200);

    const reporter = await s.stores.accounts.ensure("open311", clientId);
    expect(await transitionTicket(s.transitions, reporter.id, ticket.id, { kind: "withdraw" })).toMatchObject({ ok: true, to: "withdrawn" });
    expect((await get(`${s.base}/requests/${gone}.json`)).status).toBe(404);
    expect((await get<Request[]>(`${s.base}/requests.json`)).body.map((r) => r.service_request_id)).not.toContain(gone);
    expect((await get<Request[]>(`${s.base}/requests.json?service_request_id=${gone}`)).body).toEqual([]);
    expect((await get<Request[]>(`${s.base}/servicerequestupdates.json`)).body.map((u) => u.service_request_id)).not.toContain(gone);
    expect((await get(url)).status).toBe(404);
    // The other ticket is still there.
    expect((await get<Request[]>(`${s.base}/requests.json`)).body.map((r) => r.service_request_id)).toContain(number);
  });
});
