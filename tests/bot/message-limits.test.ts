import fc from "fast-check";
import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { fitToTelegram, shorten, splitText, TELEGRAM_TEXT_LIMIT } from "../../bot/message-limits.js";

const text = fc.array(fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom("\n", " ", "Phường An Cựu, Thành phố Huế: mở 3, đóng 1\n")), { maxLength: 200 }).map((a) => a.join(""));

describe("one rule for a text's length", () => {
  it("splitText: every part fits, and nothing but the line breaks and spaces it cut at is lost", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 500 }), (t, limit) => {
        const parts = splitText(t, limit);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
        expect(parts.join("").replace(/\s/g, "")).toBe(t.replace(/\s/g, ""));
        if (t.length <= limit) expect(parts).toEqual([t]);
      }),
    );
  });

  it("shorten: fits, keeps a fitting text as it is, and marks a cut one", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 500 }), (t, limit) => {
        const s = shorten(t, limit);
        expect(s.length).toBeLessThanOrEqual(limit);
        if (t.length <= limit) expect(s).toBe(t);
        else expect(s.endsWith("…")).toBe(true);
      }),
    );
  });

  it("a text longer than Telegram takes is sent as several messages, the buttons under the last; an unchanged edit is done", async () => {
    const api = new Api("1:fit");
    const sent: Record<string, unknown>[] = [];
    // Installed first, so innermost: it stands for Telegram, which refuses what is too long.
    api.config.use(async (_prev, method, payload) => {
      const p = payload as Record<string, unknown>;
      if (String(p.text ?? "").length > TELEGRAM_TEXT_LIMIT) return { ok: false, error_code: 400, description: "Bad Request: message is too long" } as never;
      if (method === "editMessageText") return { ok: false, error_code: 400, description: "Bad Request: message is not modified" } as never;
      sent.push(p);
      return { ok: true, result: { message_id: sent.length } } as never;
    }, fitToTelegram());
    const long = Array.from({ length: 120 }, (_, i) => `Phường số ${i}: mở ${i}, đóng ${i}, quá hạn 0, cơ sở vi phạm 0/12`).join("\n");
    const markup = { inline_keyboard: [[{ text: "Trang sau", callback_data: "next" }]] };
    const last = await api.sendMessage(7, long, { reply_markup: markup });
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.map((p) => p.reply_markup)).toEqual([...Array<undefined>(sent.length - 1).fill(undefined), markup]);
    expect(last.message_id).toBe(sent.length);
    await expect(api.editMessageText(7, 1, "same")).resolves.toBe(true);
  });
});
