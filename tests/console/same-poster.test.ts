import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";
import { postForm } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

/**
 * Issue 24 on the console's ticket page: possible duplicates with the form that joins them, and
 * the split form. Reports are filed the product's way (Open311), the officer acts through the page's own forms.
 */
const db = useTestDatabase();
let s: Open311Server;
let server: FastifyInstance;
let officer: ConsoleClient;
let key = "";
const VY_DA = "19777";

beforeAll(async () => {
  s = await startOpen311Server(db());
  server = await consoleServer(s.stores, () => s.now.value);
  key = (await s.key("Trung tâm IOC Huế", "46")).key;
  const account = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-console-24")).id, "officer", { wardCode: VY_DA }))!;
  officer = await signIn(server, s.stores, () => s.now.value, account);
});
afterAll(async () => {
  await server?.close();
  await s?.close();
});

async function file(lat: string, long: string, description: string): Promise<string> {
  const answer = await postForm<{ service_request_id: string }[]>(`${s.base}/requests.json`, { api_key: key, service_code: "no_poster", lat, long, description });
  expect(answer.status).toBe(200);
  return answer.body[0]!.service_request_id;
}

/** The fields of the page's form whose submit button reads `label`, as a browser would send them. */
function formWith(page: string, label: string): { action: string; fields: Record<string, string> } {
  const form = [...page.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].find((m) => m[2]!.includes(label));
  if (!form) throw new Error(`no form with ${label}`);
  const fields = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
  return { action: form[1]!, fields };
}

describe("the ticket page and the same poster", () => {
  it("lists a report 100 m away as a possible duplicate, and its form joins the newer into the older", async () => {
    const older = await file("16.4900", "107.6200", "lần một");
    const newer = await file("16.4909", "107.6200", "lần hai");
    expect(newer).not.toBe(older);
    const page = (await officer.get(`/console/tickets/${older}`)).body;
    expect(page).toContain("Có thể trùng lặp");
    expect(page).toMatch(new RegExp(`${newer}</a>\\s*· cùng loại vi phạm, cách 100 m`));
    const join = formWith(page, `Gộp ${newer} vào ${older}`);
    expect(join.action).toBe(`/console/tickets/${newer}/action`);
    const res = await officer.post(join.action, { ...join.fields, _csrf: officer.csrf });
    expect(res.statusCode).toBe(303);
    expect(await s.stores.tickets.byNumber(newer)).toMatchObject({ state: "duplicate", duplicateOf: older });
    expect((await officer.get(`/console/tickets/${older}`)).body).toContain("Không có báo cáo đang mở nào trông giống cùng một áp phích.");
  });

  it("splits report #2 into its own ticket in the ward the officer chose, with deadlines; both histories say so, the reporter is told", async () => {
    const number = await file("16.4800", "107.6100", "người thứ nhất");
    expect(await file("16.4801", "107.6101", "người thứ hai")).toBe(number);
    const page = (await officer.get(`/console/tickets/${number}`)).body;
    const split = formWith(page, "Tách ra báo cáo riêng");
    const res = await officer.post(split.action, { ...split.fields, report: "2", ward: "19753", _csrf: officer.csrf });
    expect(res.statusCode).toBe(303);
    const kept = (await s.stores.tickets.byNumber(number))!;
    expect(kept.reports.map((r) => r.note)).toEqual(["người thứ nhất"]);
    const splitIn = (await s.stores.tickets.listing({ provinceCode: "46" }, { skip: 0, limit: 50 })).find((t) => t.history[0]?.action === "split_in" && t.history[0].note === number)!;
    expect(splitIn).toMatchObject({ wardCode: "19753", state: "new", reports: [expect.objectContaining({ note: "người thứ hai" })] });
    expect(splitIn.closeBy).toBeInstanceOf(Date);
    expect(await s.stores.outbox.byKeyPrefix(`resident:${splitIn.id}:`)).toEqual([expect.objectContaining({ kind: "report_split" })]);
    // Words, not codes, in the history the officer reads.
    expect((await officer.get(`/console/tickets/${number}`)).body).toContain("tách một báo cáo thành báo cáo riêng");
    // Another ward's officer is refused by the server, whatever the form says.
    const outsider = await signIn(server, s.stores, () => s.now.value, (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-other-24")).id, "officer", { wardCode: "19789" }))!);
    expect((await outsider.post(split.action, { ...split.fields, report: "1", _csrf: outsider.csrf })).statusCode).toBe(403);
  });
});
