import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "../../services/registry/payload.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { useTestDatabase } from "../support/database.js";
import { postForm, postMultipart, type Answer } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { photograph, renderTestPoster } from "../support/posters.js";

/**
 * Issue 24 from outside, as two partner systems saw it: a report joins a ticket only for the
 * same poster at the same place, and the answer names the ward of the ticket it sits in.
 * Demo wards are squares: Phú Xuân west of 107.59, Vỹ Dạ east of it, both north of 16.47.
 */
const db = useTestDatabase();
let s: Open311Server;
let key = "";
beforeAll(async () => {
  s = await startOpen311Server(db());
  key = (await s.key("Trung tâm IOC Huế", "46")).key;
});
afterAll(() => s?.close());

type Filed = { service_request_id: string; service_notice: string }[];
const VY_DA = { lat: "16.4820", long: "107.6050" };
const PHU_XUAN = { lat: "16.4790", long: "107.5785" }; // about 3 km west, 700 m from HUE-0001's registered place

const photoOf = async (payload: string) => photograph(await renderTestPoster({ payload, venueName: "Khách sạn Hương Giang", address: "51 Lê Lợi" }), { width: 800, height: 600 });

async function file(fields: Record<string, string>, payload?: string): Promise<{ number: string; notice: string }> {
  const sent = { api_key: key, ...(fields.service_code === "wrong_info" ? { "attribute[if_official]": "file" } : {}), ...fields };
  const answer: Answer<Filed> = payload ? await postMultipart(`${s.base}/requests.json`, sent, await photoOf(payload)) : await postForm(`${s.base}/requests.json`, sent);
  expect(answer.status).toBe(200);
  return { number: answer.body[0]!.service_request_id, notice: answer.body[0]!.service_notice };
}

describe("the same venue's code photographed in two places", () => {
  it("is two tickets in two wards; each client is told its own ticket's ward", async () => {
    const code = s.demo.payloads["HUE-0001"]!;
    const vyDa = await file({ service_code: "wrong_info", ...VY_DA, description: "Mã quán Sông Hương dán ở khách sạn" }, code);
    const phuXuan = await file({ service_code: "wrong_info", ...PHU_XUAN, description: "Mã quán Sông Hương dán ở tiệm khác" }, code);
    expect(phuXuan.number).not.toBe(vyDa.number);
    expect(vyDa.notice).toMatch(/báo cáo mới\)\. Phường\/xã chịu trách nhiệm: Phường Vỹ Dạ, Thành phố Huế/);
    expect(phuXuan.notice).toMatch(/báo cáo mới\)\. Phường\/xã chịu trách nhiệm: Phường Phú Xuân, Thành phố Huế/);
    const [a, b] = await Promise.all([s.stores.tickets.byNumber(vyDa.number), s.stores.tickets.byNumber(phuXuan.number)]);
    expect([a!.wardCode, b!.wardCode]).toEqual(["19777", "19753"]);
    expect(b!.reports[0]!.note).toBe("Mã quán Sông Hương dán ở tiệm khác");
    // Phú Xuân learns of the poster: its own card.
    expect(await s.stores.outbox.byKeyPrefix(`ward:${b!.id}:`)).toEqual([expect.objectContaining({ wardCode: "19753", kind: "ticket_opened" })]);
  });

  it("the same code at the same place joins, and the answer names the joined ticket's ward and state", async () => {
    const code = s.demo.payloads["HUE-0002"]!;
    const first = await file({ service_code: "wrong_info", lat: "16.4850", long: "107.6100", description: "lần một" }, code);
    const ticket = (await s.stores.tickets.byNumber(first.number))!;
    const officer = (await s.stores.accounts.grantRole((await s.stores.accounts.ensure("telegram", "o-vyda-24")).id, "officer", { wardCode: "19777" }))!;
    expect(await transitionTicket(s.transitions, officer.id, ticket.id, { kind: "acknowledge" })).toMatchObject({ ok: true });

    const again = await file({ service_code: "wrong_info", lat: "16.4852", long: "107.6101", description: "lần hai, mô tả khác" }, code);
    expect(again.number).toBe(first.number);
    expect(again.notice).toContain(`gộp vào báo cáo đang mở ${first.number} của Phường Vỹ Dạ, Thành phố Huế, trạng thái: đã tiếp nhận`);
    // The second description is kept with its own report, not lost.
    expect((await s.stores.tickets.byNumber(first.number))!.reports.map((r) => r.note)).toEqual(["lần một", "lần hai, mô tả khác"]);
  });
});

describe("what the rule keeps apart", () => {
  it("a missing poster is never absorbed into a wrong-information ticket, here or 650 m away", async () => {
    const wrong = await file({ service_code: "wrong_info", lat: "16.4900", long: "107.5600" }, s.demo.payloads["HUE-0003"]!);
    const here = await file({ service_code: "no_poster", lat: "16.4900", long: "107.5600" });
    const away = await file({ service_code: "no_poster", lat: "16.4900", long: "107.5661" });
    expect(new Set([wrong.number, here.number, away.number]).size).toBe(3);
  });

  it("four different codes at one spot, all wrong information, are four tickets: a different code is a different poster", async () => {
    const spot = { service_code: "wrong_info", lat: "16.4950", long: "107.5750" };
    const payloads = [
      signPayload("HUE-0001", "a forger's key"),
      s.demo.payloads["HUE-0004"]!, // a suspended venue's code
      "000201010212261000107VN0000000000000000000000005204581253037045802VN5913QUAN AN BAC HA6003HUE6304ABCD", // a payment QR
      s.demo.payloads["HUE-0006"]!, // another ward's venue
    ];
    const numbers = [];
    for (const p of payloads) numbers.push((await file(spot, p)).number);
    expect(new Set(numbers).size).toBe(4);
    // A photo whose code nobody could read contradicts none of them and joins the nearest.
    const unreadable = await file({ ...spot, lat: "16.49501" });
    expect(numbers).toContain(unreadable.number);
  });
});
