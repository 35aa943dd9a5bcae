import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionTicket } from "../../services/tickets/transition.js";
import { useTestDatabase } from "../support/database.js";
import { xmlAsJson } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { photograph, renderTestPoster } from "../support/posters.js";

/**
 * The request shapes of the two published GeoReport v2 clients, replayed byte for byte as
 * their source builds them, configured as their READMEs show for a city whose jurisdiction
 * is a domain: Code for America's node-open311 (open311.js: `endpoint + path + '.' + format`,
 * jurisdiction_id in every query, a urlencoded form for POST with `attribute[x]` keys, id
 * lists joined with commas) and the Python `three` (three/core.py: jurisdiction_id in every
 * query and form, dates as %Y-%m-%dT%H:%M:%SZ, lists as repeated parameters, `media` as a
 * multipart file after the fields). Every answer is checked against the spec's field table.
 */
const db = useTestDatabase();
let s: Open311Server;
let key = "";
const JURISDICTION = "hue.gov.vn";

/** The spec's fields of each answer (GeoReport v2), in both formats. */
const FIELDS = {
  service: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
  definition: ["service_code", "attributes"],
  attribute: ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"],
  posted: ["service_request_id", "service_notice", "account_id"],
  request: ["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
    "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"],
};
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function conforms(kind: keyof typeof FIELDS, item: Record<string, unknown>): void {
  expect(Object.keys(item).sort(), kind).toEqual([...FIELDS[kind]].sort());
  if (kind !== "request") return;
  expect(["open", "closed"]).toContain(item.status);
  for (const f of ["requested_datetime", "updated_datetime"]) expect(item[f]).toMatch(W3C);
  for (const f of ["lat", "long"]) expect(item[f] === null || item[f] === "" || Number.isFinite(Number(item[f]))).toBe(true);
}

/** node-open311's `_get`/`_post` (request library): `qs` and `form` objects, the form urlencoded with brackets escaped. */
function nodeOpen311(format: "json" | "xml") {
  const endpoint = `${s.base}/`;
  const read = async (res: Response) => (format === "json" ? res.json() : xmlAsJson(await res.text())) as Promise<Record<string, unknown>[]>;
  const qs = (params: Record<string, string>) => new URLSearchParams({ ...params, jurisdiction_id: JURISDICTION }).toString();
  return {
    get: async (path: string, params: Record<string, string> = {}) => {
      const res = await fetch(`${endpoint}${path}.${format}?${qs(params)}`);
      expect(res.status, path).toBe(200);
      return read(res);
    },
    submitRequest: async (data: Record<string, string> & { attributes?: never }, attributes: Record<string, string>) => {
      const form = { ...data, api_key: key, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attribute[${k}]`, v])) };
      const body = Object.entries(form).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
      const res = await fetch(`${endpoint}requests.${format}?${qs({})}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
      expect(res.status).toBe(200);
      return read(res);
    },
  };
}

/** three's `get` and `post` (python requests): `params` with lists repeated, `data` fields then `files={'media': …}`. */
function three(format: "json" | "xml") {
  const endpoint = `${s.base}/`;
  const read = async (res: Response) => (format === "json" ? res.json() : xmlAsJson(await res.text())) as Promise<unknown>;
  return {
    get: async (args: string[], params: Record<string, string | string[]> = {}) => {
      const q = new URLSearchParams({ jurisdiction_id: JURISDICTION });
      for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) q.append(k, one);
      const res = await fetch(`${endpoint}${args.join("/")}.${format}?${q}`);
      expect(res.status, args.join("/")).toBe(200);
      return read(res);
    },
    post: async (serviceCode: string, fields: Record<string, string>, media: Buffer) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...fields, service_code: serviceCode, jurisdiction_id: JURISDICTION, api_key: key })) form.append(k, v);
      form.append("media", new Blob([new Uint8Array(media)]), "photo.jpg");
      const res = await fetch(`${endpoint}requests.${format}`, { method: "POST", body: form });
      expect(res.status).toBe(200);
      return read(res) as Promise<Record<string, unknown>[]>;
    },
  };
}

beforeAll(async () => {
  s = await startOpen311Server(db(), { jurisdictionIds: [JURISDICTION, "46"] });
  key = (await s.key("Trung tâm IOC Huế")).key;
});
afterAll(() => s?.close());

async function followToClosed(number: string): Promise<void> {
  const ticket = (await s.stores.tickets.byNumber(number))!;
  const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", `o-${ticket.wardCode}`)).id, "officer", { wardCode: ticket.wardCode }))!;
  expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "acknowledge" })).toMatchObject({ ok: true });
  expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "close", outcome: "violation_confirmed" })).toMatchObject({ ok: true });
}

describe.each(["json", "xml"] as const)("the published clients' requests in %s, for jurisdiction hue.gov.vn", (format) => {
  it("node-open311: serviceList, serviceDefinition, submitRequest with attributes, serviceRequests by id list, serviceRequest to closed", async () => {
    const client = nodeOpen311(format);
    const services = await client.get("services");
    expect(services.length).toBeGreaterThan(0);
    services.forEach((x) => conforms("service", x));
    const definition = (await client.get("services/wrong_info")) as unknown as { attributes: Record<string, unknown>[] };
    conforms("definition", definition as unknown as Record<string, unknown>);
    definition.attributes.forEach((a) => conforms("attribute", a));

    const posted = await client.submitRequest(
      { service_code: "wrong_info", lat: "16.4700", long: "107.5950", address_string: "Số 7 Hùng Vương", description: "Mã dán đè lên mã cũ" },
      { if_official: "file", venue_code: "HUE-0006" },
    );
    expect(posted).toHaveLength(1);
    conforms("posted", posted[0]!);
    const number = String(posted[0]!.service_request_id);
    const other = await client.submitRequest({ service_code: "no_poster", lat: "16.4400", long: "107.6100" }, {});
    const list = await client.get("requests", { service_request_id: [number, String(other[0]!.service_request_id)].join(",") });
    expect(list.map((r) => r.service_request_id).sort()).toEqual([number, String(other[0]!.service_request_id)].sort());
    list.forEach((r) => conforms("request", r));

    await followToClosed(number);
    const [closed] = await client.get(`requests/${number}`);
    conforms("request", closed!);
    expect(closed).toMatchObject({ service_request_id: number, status: "closed" });
  });

  it("three: discovery, services, a dated window, repeated statuses, a post with a media photo, the request to closed", async () => {
    const client = three(format);
    expect(await client.get(["discovery"])).toMatchObject({ jurisdictions: [JURISDICTION, "46"] });
    ((await client.get(["services"])) as Record<string, unknown>[]).forEach((x) => conforms("service", x));
    conforms("definition", (await client.get(["services", "unscannable"])) as Record<string, unknown>);

    const poster = await renderTestPoster({ payload: s.demo.payloads["HUE-0003"]!, venueName: "Chợ Đông Ba", address: "2 Trần Hưng Đạo, Phú Xuân" });
    const posted = await client.post("unscannable", {
      address_string: "Cổng chợ Đông Ba", lat: "16.4760", long: "107.5850", description: "Mã bị mờ", first_name: "Zach", last_name: "Williams", "attribute[if_readable]": "file",
    }, await photograph(poster));
    conforms("posted", posted[0]!);
    const number = String(posted[0]!.service_request_id);
    expect((await s.stores.tickets.byNumber(number))!.reports.at(-1)!.evidenceIds).toHaveLength(1);

    // t.requests(start='11-01-2026', end='11-24-2026', count=50, status=['open', 'closed'])
    const window = (await client.get(["requests"], { start_date: "2026-11-01T00:00:00Z", end_date: "2026-11-24T00:00:00Z", page_size: "50", status: ["open", "closed"] })) as Record<string, unknown>[];
    expect(window.map((r) => r.service_request_id)).toContain(number);
    window.forEach((r) => conforms("request", r));

    await followToClosed(number);
    const [closed] = (await client.get(["requests", number])) as Record<string, unknown>[];
    conforms("request", closed!);
    expect(closed).toMatchObject({ service_request_id: number, status: "closed" });
  });
});
