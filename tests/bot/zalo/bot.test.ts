import Fastify, { type FastifyInstance } from "fastify";
import { Bot, Composer, InlineKeyboard, Keyboard } from "grammy";
import { I18n } from "@grammyjs/i18n";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZALO_BOT_INFO } from "../../../bot/zalo/bot.js";
import { ZaloUnsupportedMethodError } from "../../../bot/zalo/outbound/transformer.js";
import { createZaloInbound, createZaloOutbound, type ZaloInbound } from "../../../bot/zalo/channel.js";
import { startFakeZaloApi, type FakeZaloApi } from "../../../simulator/zalo-emulator.js";
import { createLogger } from "../../../platform/logger.js";
import { registerZaloWebhook } from "../../../bot/zalo/inbound/webhook.js";
import { useTestDatabase } from "../../support/database.js";
import { ZALO_TEST_KEYS, zaloResident } from "../../support/zalo.js";

/** A tiny stand-in for the resident features, written for Telegram only. */
function features() {
  const c = new Composer();
  c.command("start", (ctx) => ctx.reply("<b>Xin chào</b> &amp; chào mừng", { parse_mode: "HTML", reply_markup: new InlineKeyboard().text("Báo cáo", "report").url("Trợ giúp", "https://example.org/help") }));
  c.callbackQuery("report", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply("Gửi vị trí", { reply_markup: new Keyboard().requestLocation("📍 Vị trí").row().text("Bỏ qua") });
  });
  c.command("menu", (ctx) => ctx.reply("Chọn phường", { reply_markup: new InlineKeyboard(Array.from({ length: 7 }, (_, i) => [InlineKeyboard.text(`Phường ${i + 1}`, `ward:${i + 1}`)])) }));
  c.callbackQuery(/^ward:(\d+)$/, (ctx) => ctx.editMessageText(`Đã chọn phường ${ctx.match[1]}`));
  c.on("message:location", (ctx) => ctx.reply(`Vị trí ${ctx.message.location.latitude},${ctx.message.location.longitude}`));
  c.on(["message:photo", "message:document"], async (ctx) => {
    await ctx.replyWithChatAction("typing");
    const file = await ctx.getFile();
    const bytes = new Uint8Array(await (await fetch(file.file_path!)).arrayBuffer());
    await ctx.reply(`Ảnh ${bytes.length} byte`);
    await ctx.replyWithPhoto(new (await import("grammy")).InputFile(bytes, "poster.png"), { caption: "Ảnh bạn gửi" });
  });
  c.command("pin", async (ctx) => {
    try {
      await ctx.pinChatMessage(1);
    } catch (e) {
      await ctx.reply(e instanceof ZaloUnsupportedMethodError ? `Không có trên Zalo: ${e.method}` : "?");
    }
  });
  c.command("stale", (ctx) => ctx.reply("Bấm", { reply_markup: new InlineKeyboard().text("Cũ", "old") }));
  c.callbackQuery("old", (ctx) => ctx.answerCallbackQuery({ text: "Nút này không còn hiệu lực." }));
  c.on("message:text", (ctx) => ctx.reply(`Bạn viết: ${ctx.message.text}`));
  return c;
}

describe("the resident's Telegram handlers on Zalo", () => {
  const db = useTestDatabase();
  let fake: FakeZaloApi;
  let app: FastifyInstance;
  let channel: ZaloInbound;
  let webhookUrl: string;
  const i18n = new I18n({ defaultLocale: "vi", directory: new URL("../../../locales", import.meta.url).pathname });

  beforeAll(async () => {
    fake = await startFakeZaloApi(ZALO_TEST_KEYS);
    const zalo = { ...ZALO_TEST_KEYS, initialRefreshToken: ZALO_TEST_KEYS.refreshToken, apiRoot: fake.root, oauthRoot: fake.root };
    const common = { config: zalo, conn: db(), logger: createLogger("silent"), t: (locale: string, key: string) => i18n.t(locale, key), clock: () => new Date() };
    const outbound = createZaloOutbound(common);
    const bot = new Bot(outbound.transport.name, { botInfo: ZALO_BOT_INFO });
    bot.api.config.use(outbound.transport.transformer);
    bot.use(features());
    channel = createZaloInbound({ ...common, bot, outbound });
    await outbound.syncIndexes();
    await channel.syncIndexes();
    app = Fastify();
    await registerZaloWebhook(app, channel.webhook);
    webhookUrl = (await app.listen({ port: 0, host: "127.0.0.1" })) + "/zalo";
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const resident = (userId: string) => zaloResident({ webhookUrl, fake, userId, settle: () => channel.worker.drain() });

  it("follow greets like /start, and inline buttons become query buttons whose taps come back as callbacks", async () => {
    const u = resident("8400000000000000101");
    expect(await u.follow()).toBe(200);
    const [greeting] = u.replies();
    expect(greeting!.text).toBe("Xin chào & chào mừng");
    const buttons = greeting!.attachment!.payload!.buttons!;
    expect(buttons.map((b) => [b.title, b.type])).toEqual([["Báo cáo", "oa.query.hide"], ["Trợ giúp", "oa.open.url"]]);
    expect(buttons[1]!.payload).toEqual({ url: "https://example.org/help" });
    await u.tap(buttons[0]!);
    const [ask] = u.replies();
    expect(ask!.text).toContain("Gửi vị trí");
    expect(ask!.text).toContain("chọn «Vị trí»");
    expect(ask!.attachment!.payload!.buttons!.map((b) => [b.title, b.type, b.payload])).toEqual([["Bỏ qua", "oa.query.show", "Bỏ qua"]]);
    await u.location(16.4637, 107.5909);
    expect(u.replies().map((m) => m.text)).toEqual(["Vị trí 16.4637,107.5909"]);
  });

  it("a long menu becomes numbered replies, and typing a number picks it; an edit arrives as a new message", async () => {
    const u = resident("8400000000000000102");
    await u.text("/menu");
    const [menu] = u.replies();
    expect(menu!.text).toContain("Trả lời bằng số để chọn:\n1. Phường 1");
    expect(menu!.text).toContain("7. Phường 7");
    await u.text("6");
    expect(u.replies().map((m) => m.text)).toEqual(["Đã chọn phường 6"]);
    await u.text("6");
    expect(u.replies().map((m) => m.text)).toEqual(["Bạn viết: 6"]);
  });

  it("a photo arrives as message.photo whose file is the attachment URL, and a photo sent back is uploaded", async () => {
    const u = resident("8400000000000000103");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await u.image(fake.hostAttachment(png, "image/png"));
    const replies = u.replies();
    expect(replies[0]!.text).toBe(`Ảnh ${png.length} byte`);
    expect(replies[1]!.text).toBe("Ảnh bạn gửi");
    const element = (replies[1]!.attachment!.payload as { elements: { media_type: string; attachment_id: string }[] }).elements[0]!;
    expect(element.media_type).toBe("image");
    expect(fake.uploaded(element.attachment_id)?.data.equals(png)).toBe(true);
  });

  it("a photo larger than Zalo's 1 MB limit is sent back re-encoded below it", async () => {
    const u = resident("8400000000000000105");
    const big = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).jpeg({ quality: 95 }).toBuffer();
    expect(big.length).toBeGreaterThan(1_000_000);
    await u.image(fake.hostAttachment(big, "image/jpeg"));
    const [size, photo] = u.replies();
    expect(size!.text).toBe(`Ảnh ${big.length} byte`);
    const element = (photo!.attachment!.payload as { elements: { attachment_id: string }[] }).elements[0]!;
    expect(fake.uploaded(element.attachment_id)!.data.length).toBeLessThanOrEqual(1_000_000);
  });

  it("a method Zalo cannot do fails with a typed error, never a made-up success", async () => {
    const u = resident("8400000000000000107");
    await u.text("/pin");
    expect(u.replies().map((m) => m.text)).toEqual(["Không có trên Zalo: pinChatMessage"]);
  });

  it("the text of a callback answer reaches the resident as a message", async () => {
    const u = resident("8400000000000000108");
    await u.text("/stale");
    await u.tap(u.replies()[0]!.attachment!.payload!.buttons![0]!);
    expect(u.replies().map((m) => m.text)).toEqual(["Nút này không còn hiệu lực."]);
  });

  it("stickers get a polite refusal in Vietnamese", async () => {
    const u = resident("8400000000000000104");
    await u.sticker();
    expect(u.replies().map((m) => m.text)).toEqual([i18n.t("vi", "zalo-unsupported-media")]);
  });
});
