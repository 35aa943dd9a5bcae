import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTicket } from "../../services/tickets/open-ticket.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { useTestDatabase } from "../support/database.js";
import { bothFormats, get, postForm, postMultipart, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { photograph, renderTestPoster } from "../support/posters.js";

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

const VY_DA = { lat: "16.482", long: "107.605" }; // inside Vỹ Dạ (19777); HUE-0001 is registered in Phú Xuân
type Filed = { service_request_id: string; service_notice: string; account_id: null }[];
type Request = Record<string, unknown>;

async function posterPhoto(venueCode: string): Promise<Buffer> {
  const poster = await renderTestPoster({ payload: s.demo.payloads[venueCode]!, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi, Phú Xuân" });
  return photograph(poster);
}

describe("POST requests: a partner system files a report through the chat's pipeline", () => {
  let number = "";

  it("a photo with a registered code at another venue's place: official_elsewhere, the ward where it hangs, due dates, the ward notified", async () => {
    const filed: Answer<Filed> = await postMultipart(`${s.base}/requests.json`, {
      api_key: key, service_code: "wrong_info", ...VY_DA, address_string: "5 Nguyễn Sinh Cung", description: "Mã của quán khác dán ở cửa",
      "attribute[if_official]": "drop", email: "lan@example.vn", phone: "0905123456", first_name: "Lan", last_name: "Nguyễn", device_id: "dev-1",
      media_url: "http://169.254.169.254/latest/meta-data",
    }, await posterPhoto("HUE-0001"));
    expect(filed.status).toBe(200);
    expect(filed.body).toHaveLength(1);
    number = filed.body[0]!.service_request_id;
    expect(number).toMatch(/^[A-Z]{3}-\d{4}-\d{4}$/);
    expect(filed.body[0]!.account_id).toBeNull();
    expect(filed.body[0]!.service_notice).toMatch(/Phường Vỹ Dạ, Thành phố Huế/);
    expect(filed.body[0]!.service_notice).toMatch(/mã chính thức của cơ sở khác/);
    expect(filed.body[0]!.service_notice).toMatch(/media_url không được tải về/);

    const ticket = (await s.stores.tickets.byNumber(number))!;
    expect(ticket).toMatchObject({ verdict: "official_elsewhere", wardCode: "19777", venueCode: "HUE-0001", state: "new", violationType: "wrong_info" });
    expect(ticket.reports[0]).toMatchObject({ channel: "open311", note: "Mã của quán khác dán ở cửa", evidenceIds: [expect.any(String)] });
    expect(ticket.history[0]).toMatchObject({ action: "opened", note: "Trung tâm IOC Huế" });
    expect(ticket.acknowledgeBy!.getTime() - s.now.value.getTime()).toBe(24 * 3600_000);
    expect(ticket.closeBy!.getTime() - s.now.value.getTime()).toBe(7 * 86_400_000);
    expect(await s.stores.outbox.byKeyPrefix(`ward:${ticket.id}:`)).toEqual([expect.objectContaining({ audience: "ward", wardCode: "19777", kind: "ticket_opened" })]);
    expect(await db().collection("reporteridentities").findOne({ ticketId: ticket.id })).toMatchObject({ email: "lan@example.vn", phone: "0905123456", firstName: "Lan" });
    const audit = await s.stores.audit.of("api_client", clientId);
    expect(audit.at(-1)).toMatchObject({ action: "open311_request", note: "POST /open311/v2/requests.json", meta: { client: "Trung tâm IOC Huế", status: 200, ticket: number } });
  });

  it("GET requests/{id}: the spec's fields in both formats from the public view: the ward as agency, the close deadline, a written description, no photo until one is published, no reporter identity", async () => {
    const { json, xml } = await bothFormats<Request[]>(s.base, `requests/${number}`);
    expect(json.body).toHaveLength(1);
    const r = json.body[0]!;
    expect(Object.keys(r).sort()).toEqual(
      ["address", "address_id", "agency_responsible", "description", "expected_datetime", "lat", "long", "media_url", "requested_datetime", "service_code",
        "service_name", "service_notice", "service_request_id", "status", "status_notes", "updated_datetime", "zipcode"].sort(),
    );
    expect(r).toMatchObject({
      service_request_id: number, status: "open", status_notes: "mới", service_code: "wrong_info", service_name: "Mã QR sai thông tin",
      agency_responsible: "Phường Vỹ Dạ, Thành phố Huế", address: null, lat: 16.482, long: 107.605,
      requested_datetime: "2026-11-23T10:00:00+07:00", expected_datetime: "2026-11-30T10:00:00+07:00",
      // The code belongs to another venue: the description says so without naming it, and never repeats the resident's words.
      description: "Mã QR sai thông tin. Kiểm tra mã trên ảnh: mã chính thức của cơ sở khác / nơi khác.",
      media_url: null,
    });
    for (const secret of ["lan@example.vn", "0905123456", "Lan", "dev-1", "Mã của quán khác", "5 Nguyễn Sinh Cung", "Quán cà phê Sông Hương"]) {
      expect(json.text).not.toContain(secret);
      expect(xml.text).not.toContain(secret);
    }
    const evidence = (await s.stores.evidence.byId((await s.stores.tickets.byNumber(number))!.reports[0]!.evidenceIds[0]!))!;
    expect(evidence.previewFileId).toBeDefined();
    for (const id of [evidence.id, evidence.fileId, evidence.previewFileId]) expect((await get(`${s.base}/media/${id}.jpg`)).status).toBe(404);
  });

  it("a second report of the same poster, form-urlencoded without a photo, merges into the open ticket", async () => {
    const again: Answer<Filed> = await postForm(`${s.base}/requests.json`, {
      api_key: key, service_code: "wrong_info", lat: "16.4821", long: "107.6051", "attribute[if_official]": "file",
    });
    expect(again.status).toBe(200);
    expect(again.body[0]!.service_request_id).toBe(number);
    expect(again.body[0]!.service_notice).toMatch(/gộp vào báo cáo đang mở/);
    const ticket = (await s.stores.tickets.byNumber(number))!;
    expect(ticket.reports).toHaveLength(2);
    expect(ticket.history.at(-1)).toMatchObject({ action: "report_attached", note: "Trung tâm IOC Huế" });
  });

  it("an officer's transitions show in requests/{id} and in servicerequestupdates, in both formats", async () => {
    const ticket = (await s.stores.tickets.byNumber(number))!;
    const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-19777")).id, "officer", { wardCode: "19777" }))!;
    s.now.value = new Date("2026-11-23T05:00:00Z");
    expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
    let r = (await bothFormats<Request[]>(s.base, `requests/${number}`)).json.body[0]!;
    expect(r).toMatchObject({ status: "open", status_notes: "đã tiếp nhận", updated_datetime: "2026-11-23T12:00:00+07:00" });

    s.now.value = new Date("2026-11-24T02:00:00Z");
    expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "close", outcome: "violation_confirmed" })).toMatchObject({ ok: true });
    r = (await bothFormats<Request[]>(s.base, `requests/${number}`)).json.body[0]!;
    expect(r).toMatchObject({ status: "closed", status_notes: "đã xác nhận vi phạm" });

    const query = `?start_date=${encodeURIComponent("2026-11-23T00:00:00+07:00")}&end_date=2026-11-25T00:00:00Z`;
    const updates = (await bothFormats<Request[]>(s.base, "servicerequestupdates", query)).json.body.filter((u) => u.service_request_id === number);
    expect(updates.map((u) => [u.status, u.external_status_code, u.updated_datetime])).toEqual([
      ["open", "new", "2026-11-23T10:00:00+07:00"],
      ["open", "acknowledged", "2026-11-23T12:00:00+07:00"],
      ["closed", "violation_confirmed", "2026-11-24T09:00:00+07:00"],
    ]);
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(3);
    expect(updates.every((u) => typeof u.update_id === "string" && typeof u.description === "string")).toBe(true);
    const later = (await get<Request[]>(`${s.base}/servicerequestupdates.json?start_date=2026-11-24T00:00:00Z`)).body.filter((u) => u.service_request_id === number);
    expect(later.map((u) => u.external_status_code)).toEqual(["violation_confirmed"]);
  });

  it("GET requests: filters by id list, service code, status and dates, the 90-day default window, pages", async () => {
    const other: Answer<Filed> = await postForm(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", lat: "16.455", long: "107.600", description: "Bệnh viện không dán mã" });
    const second = other.body[0]!.service_request_id;
    expect((await s.stores.tickets.byNumber(second))!.wardCode).toBe("19815");

    const ids = (a: Answer<Request[]>) => a.body.map((r) => r.service_request_id);
    const all = (await bothFormats<Request[]>(s.base, "requests")).json;
    expect(ids(all)).toEqual([second, number]);
    expect(ids(await get(`${s.base}/requests.json?service_request_id=${second},${number},NOPE-1`))).toEqual([second, number]);
    expect(ids(await get(`${s.base}/requests.json?service_code=no_poster`))).toEqual([second]);
    expect(ids(await get(`${s.base}/requests.json?status=closed`))).toEqual([number]);
    expect(ids(await get(`${s.base}/requests.json?status=open,closed&service_code=wrong_info,no_poster`))).toEqual([second, number]);
    expect(ids(await get(`${s.base}/requests.json?start_date=2026-11-24T00:00:00Z`))).toEqual([second]);
    expect(ids(await get(`${s.base}/requests.json?end_date=2026-11-24T00:00:00Z`))).toEqual([number]);
    expect(ids(await get(`${s.base}/requests.json?page_size=1`))).toEqual([second]);
    expect(ids(await get(`${s.base}/requests.json?page_size=1&page=2`))).toEqual([number]);
    expect(ids(await get(`${s.base}/requests.json?page_size=1&page=3`))).toEqual([]);
    expect(ids(await get(`${s.base}/requests.json?jurisdiction_id=46`))).toEqual([second, number]);

    s.now.value = new Date(s.now.value.getTime() + 91 * 86_400_000);
    expect(ids(await get(`${s.base}/requests.json`))).toEqual([]);
    expect(ids(await get(`${s.base}/requests.json?service_request_id=${number}`))).toEqual([number]);
    expect((await bothFormats<Request[]>(s.base, "requests")).json.body).toEqual([]);
  });

  it("without lat/long, an address with the venue's code routes to the venue's registered ward", async () => {
    const filed: Answer<Filed> = await postForm(`${s.base}/requests.json`, {
      api_key: key, service_code: "no_poster", address_string: "12 Lê Lợi, Phú Xuân", "attribute[venue_code]": "HUE-0001",
    });
    expect(filed.status).toBe(200);
    const ticket = (await s.stores.tickets.byNumber(filed.body[0]!.service_request_id))!;
    expect(ticket).toMatchObject({ wardCode: "19753", address: "12 Lê Lợi, Phú Xuân", verdict: "no_code" });
    expect(ticket.location).toBeUndefined();
    const r = (await bothFormats<Request[]>(s.base, `requests/${ticket.number}`)).json.body[0]!;
    // The code only routed the report; the address typed by the filer stays inside, given back only to its key.
    expect(r).toMatchObject({
      agency_responsible: "Phường Phú Xuân, Thành phố Huế", address: null, lat: null, long: null, media_url: null,
      description: "Không dán mã QR. Kiểm tra mã trên ảnh: không có mã.",
    });
    const own = (await bothFormats<Request[]>(s.base, `requests/${ticket.number}`, `?api_key=${key}&jurisdiction_id=46`)).json.body[0]!;
    expect(own).toMatchObject({ address: "12 Lê Lợi, Phú Xuân", lat: null, long: null });
  });
});

describe("inspection tickets are the province's own work", () => {
  it("an inspection nobody reported is in no list, no update and no requests/{id}", async () => {
    const at = s.now.value;
    const inspection = await openTicket(s.stores, {
      violationType: "not_scanned", source: "inspection", wardCode: "19753", provinceCode: "46", address: "1 Lê Lợi", verdict: "not_scanned",
      event: { at, actorId: "keeper", actorRole: "registry", action: "inspection_issued", to: "new" },
    }, { provinceName: "Huế" });
    const ids = (a: Answer<Request[]>) => a.body.map((r) => r.service_request_id);
    expect(ids(await get(`${s.base}/requests.json`))).not.toContain(inspection.number);
    expect(ids(await get(`${s.base}/requests.json?service_request_id=${inspection.number}`))).toEqual([]);
    expect((await get(`${s.base}/requests/${inspection.number}.json`)).status).toBe(404);
    const updates = await get<Request[]>(`${s.base}/servicerequestupdates.json`);
    expect(updates.body.map((u) => u.service_request_id)).not.toContain(inspection.number);
  });
});
