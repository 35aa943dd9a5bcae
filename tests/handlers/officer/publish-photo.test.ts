import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";
import { wardOfficers } from "../../support/ward-officers.js";

const db = useTestDatabase();
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) => a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })));
  await h.start();
});
afterAll(() => h?.stop());

it("the ward's officer publishes the card's photo with its button and takes it back; another ward's officer cannot; the card says which it is", async () => {
  const alice = new TelegramTestUser(h.api, 7101);
  const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: "#9a8f7a" } }).jpeg().toBuffer();
  const number = /[A-Z]{3}-\d{4}-\d{4}/.exec(await reportPlainly(alice, { type: "no_poster", photo, lat: 16.4552, lng: 107.6002, photoReply: /Không tìm thấy mã QR/ }))![0];
  const officers = wardOfficers(h);
  const bao = await officers.invite(8101, { role: "officer", wardCode: "19815" });
  const outsider = await officers.invite(8102, { role: "officer", wardCode: "19753" });
  await officers.workers().cards.drain();

  const card = await bao.expectReply(new RegExp(`📋 ${number}`));
  const button = card.buttons.find((b) => b.text === "📢 Công khai ảnh này")!;
  expect(button.data).toMatch(/^ph:[0-9a-f]{24}:1$/);
  const ticket = (await h.stores.tickets.byNumber(number))!;
  expect(ticket.publicPhotos ?? []).toEqual([]);

  let since = h.api.calls.length;
  await outsider.pressData(button.data!, 1);
  expect(String((await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since)).params.text)).toMatch(/không có quyền/);
  expect((await h.stores.tickets.byNumber(number))!.publicPhotos ?? []).toEqual([]);

  since = h.api.calls.length;
  await bao.press("📢 Công khai ảnh này");
  expect(String((await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since)).params.text)).toMatch(/đã được công khai/);
  const published = (await h.stores.tickets.byNumber(number))!;
  expect(published.publicPhotos).toEqual([expect.objectContaining({ evidenceId: published.reports[0]!.evidenceIds[0] })]);
  const edited = await h.api.waitForCall((c) => c.method === "editMessageText" && String(c.params.chat_id) === "8101", since);
  expect(JSON.stringify(edited.params.reply_markup)).toContain("Thôi công khai ảnh");
  expect((await h.stores.audit.of("ticket", ticket.id)).at(-1)).toMatchObject({ action: "publish_photo", actorRole: "officer" });

  since = h.api.calls.length;
  await bao.pressData(`ph:${ticket.id}:0`, 1);
  await h.api.waitForCall((c) => c.method === "answerCallbackQuery", since);
  expect((await h.stores.tickets.byNumber(number))!.publicPhotos).toEqual([]);
});
