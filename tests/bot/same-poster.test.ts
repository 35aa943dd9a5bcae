import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { useTestDatabase } from "../support/database.js";
import { postMultipart } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";
import { photograph, renderTestPoster } from "../support/posters.js";
import { reportPlainly } from "../support/report-dialogue.js";
import { TelegramTestUser } from "../support/telegram-user.js";

/** Issue 24 in the chat: residents are told the ward of the ticket their report really sits in. */
const db = useTestDatabase();
let h: BotHarness;
let o: Open311Server;

beforeAll(async () => {
  h = await startBotHarness(db());
  await h.start();
  o = await startOpen311Server(db());
  o.now.value = h.now.value;
});
afterAll(async () => {
  await h?.stop();
  await o?.close();
});

const posterPhoto = async (payload: string) => photograph(await renderTestPoster({ payload, venueName: "Khách sạn Hương Giang", address: "51 Lê Lợi" }), { width: 800, height: 600 });
const numberIn = (text: string) => /[A-Z]{3}-\d{4}-\d{4}/.exec(text)![0];

describe("one venue's code in two places, in the chat", () => {
  it("two tickets in two wards, each reporter told their own ticket's ward; a third report beside the first joins it and is told its ward and state", async () => {
    const photo = await posterPhoto(h.demo.payloads["HUE-0001"]!);
    const reported = { type: "wrong_info" as const, photo, photoReply: /Đọc được mã/ };
    const vyDa = await reportPlainly(new TelegramTestUser(h.api, 24001), { ...reported, lat: 16.482, lng: 107.605 });
    const phuXuan = await reportPlainly(new TelegramTestUser(h.api, 24002), { ...reported, lat: 16.479, lng: 107.5785 });
    expect(numberIn(phuXuan)).not.toBe(numberIn(vyDa));
    expect(vyDa).toMatch(/Phường Vỹ Dạ, Thành phố Huế sẽ xử lý/);
    expect(phuXuan).toMatch(/Phường Phú Xuân, Thành phố Huế sẽ xử lý/);
    expect((await h.stores.tickets.byNumber(numberIn(phuXuan)))!.wardCode).toBe("19753");

    const beside = await reportPlainly(new TelegramTestUser(h.api, 24003), { ...reported, lat: 16.4821, lng: 107.6051 });
    expect(beside).toContain(`được gộp vào báo cáo ${numberIn(vyDa)} của Phường Vỹ Dạ, Thành phố Huế (trạng thái: mới)`);
  });

  it("the same report through Open311 lands in the chat's ticket, and both answers name the same ticket and ward", async () => {
    // A listed (unsigned) payload: both servers judge it alike whatever their signing keys.
    const photo = await posterPhoto("https://tokhaiyte.vn/?page=Checkin&venue=HUE-0003");
    const chat = await reportPlainly(new TelegramTestUser(h.api, 24004), { type: "wrong_info", photo, photoReply: /Đọc được mã/, lat: 16.49, lng: 107.6 });
    const key = (await o.key("Ứng dụng Huế-S", "46")).key;
    const api = await postMultipart<{ service_request_id: string; service_notice: string }[]>(
      `${o.base}/requests.json`, { api_key: key, service_code: "wrong_info", lat: "16.49", long: "107.6", "attribute[if_official]": "file" }, photo,
    );
    expect(api.body[0]!.service_request_id).toBe(numberIn(chat));
    expect(chat).toContain("Phường Vỹ Dạ, Thành phố Huế");
    expect(api.body[0]!.service_notice).toContain(`${numberIn(chat)} của Phường Vỹ Dạ, Thành phố Huế`);
  });
});
