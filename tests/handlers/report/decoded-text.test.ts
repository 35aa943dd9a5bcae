import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officerFeatures } from "../../../handlers/officer/index.js";
import { createInvitation } from "../../../services/access/invitations.js";
import { startBotHarness, type BotHarness } from "../../support/bot-harness.js";
import { useTestDatabase } from "../../support/database.js";
import { photograph, renderTestPoster } from "../../support/posters.js";
import { reportPlainly } from "../../support/report-dialogue.js";
import { TelegramTestUser } from "../../support/telegram-user.js";

const db = useTestDatabase();
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness(db(), {}, (a) =>
    a.bot.use(officerFeatures({ stores: a.deps.stores, clock: a.deps.clock, logger: a.deps.logger, config: a.deps.config })),
  );
  await h.start();
});
afterAll(() => h?.stop());

/** A code whose text turns around what follows it (U+202E), and carries NUL and a terminal escape. */
const PAYLOAD = "HUE-\u202E321-000\u0000\u001B[2J";
const SHOWN = "HUE-\\u202E321-000\\u0000\\u001B[2J";
const HIDDEN = ["\u202e", "\u0000", "\u001b"];
const hiddenIn = (text: string) => HIDDEN.filter((c) => text.includes(c));

describe("a decoded code holding control and bidi characters", () => {
  it("is shown with those characters escaped in the chat and the evidence summary, and stored byte-exact", async () => {
    const u = new TelegramTestUser(h.api, 8301);
    const poster = await renderTestPoster({ payload: PAYLOAD, venueName: "Quán cà phê Sông Hương", address: "12 Lê Lợi" });
    const since = h.api.calls.length;
    const done = await reportPlainly(u, { type: "wrong_info", photo: await photograph(poster), lat: 16.4865, lng: 107.5785, photoReply: /Đọc được mã/ });
    const shown = h.api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 8301).map((c) => String(c.params.text));
    // The photo's answer says what the code is; its text, escaped, is the summary's detail.
    expect(shown.find((t) => /Đọc được mã/.test(t))).toContain("Đọc được mã: đây là một đoạn chữ, không phải mã check-in");
    expect(shown.find((t) => /Kiểm tra lại/.test(t))).toContain(SHOWN);
    for (const text of shown) expect(hiddenIn(text)).toEqual([]);

    const number = /[A-Z]{3}-\d{4}-\d{4}/.exec(done)![0];
    expect((await h.stores.tickets.byNumber(number))!.decodedText).toBe(PAYLOAD);

    const enf = new TelegramTestUser(h.api, 8302);
    const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, { role: "enforcement", provinceCode: "46" }, "test");
    await enf.say(`/start inv_${token}`);
    await enf.expectReply(/đội xử lý vi phạm/);
    await enf.say(`/evidence ${number}`);
    await enf.expectReply(/Hồ sơ chứng cứ/);
    const sent = h.api.calls.find((c) => c.method === "sendDocument" && String(c.params.caption).includes(number))!;
    const summary = (sent.params[String(sent.params.document).replace("attach://", "")] as { bytes: Buffer }).bytes.toString("utf8");
    expect(summary).toContain(`nội dung: ${SHOWN}`);
    expect(hiddenIn(summary)).toEqual([]);
  });
});
