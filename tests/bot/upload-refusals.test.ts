import { beforeAll, describe, expect, it } from "vitest";
import { useBotHarness, type BotHarness } from "../support/bot-harness.js";
import { animatedGif, avif, brokenHeic, damagedJpeg, oversizedJpeg, pngClaiming, realHeic, truncatedJpeg } from "../support/bad-uploads.js";
import { TelegramTestUser } from "../support/telegram-user.js";

const harness = useBotHarness();
let h: BotHarness;
beforeAll(() => void (h = harness()));

async function atPhotoStep(id: number): Promise<TelegramTestUser> {
  const u = new TelegramTestUser(h.api, id);
  await u.say("/report");
  await u.expectReply(/vi phạm nào/);
  await u.press("r:t:wrong_info");
  await u.expectReply(/Gửi ảnh chụp mã QR/);
  return u;
}

describe("every refused upload is told its own reason, and the report waits for a usable photo", () => {
  const cases: [name: string, file: () => Promise<Buffer> | Buffer, mime: string, reply: RegExp][] = [
    ["an empty file", () => Buffer.alloc(0), "image/jpeg", /trống \(0 byte\)/],
    ["a text file named .jpg", () => Buffer.from("Xin chào, đây không phải là ảnh."), "image/jpeg", /không phải ảnh/],
    ["an AVIF image", avif, "image/avif", /chưa đọc được ảnh định dạng AVIF/],
    ["a HEIC that cannot be decoded", brokenHeic, "image/heic", /HEIC[\s\S]*«Ảnh hoặc video»/],
    ["a file over 20 MB", oversizedJpeg, "image/jpeg", /quá lớn \(tối đa 20 MB\)/],
    ["a 100-megapixel image", () => pngClaiming(10_000, 10_000), "image/png", /quá nhiều điểm ảnh \(tối đa 50 megapixel\)/],
    ["a JPEG with damaged data", damagedJpeg, "image/jpeg", /bị hỏng hoặc gửi chưa hết/],
    ["a JPEG cut off mid-upload", truncatedJpeg, "image/jpeg", /bị hỏng hoặc gửi chưa hết/],
    ["an animated GIF", () => animatedGif(3), "image/gif", /ảnh động/],
  ];
  let id = 7100;
  for (const [name, file, mime, reply] of cases) {
    it(`${name}`, async () => {
      const u = await atPhotoStep(id++);
      await u.sendDocument(await file(), mime, `upload.${mime.split("/")[1]}`);
      await u.expectReply(reply);
      expect(u.pending()).toHaveLength(0);
      await u.say("/cancel");
      await u.expectReply(/huỷ/i);
    });
  }

  it("an iPhone photo sent as a HEIC file is decoded and taken", async () => {
    const u = await atPhotoStep(7200);
    await u.sendDocument(realHeic(), "image/heic", "IMG_0001.HEIC");
    await u.expectReply(/Đã nhận ảnh 1\. Không tìm thấy mã QR/, 20_000);
    await u.say("/cancel");
    await u.expectReply(/huỷ/i);
  });

  it("English speakers get the same reasons in English", async () => {
    const u = new TelegramTestUser(h.api, 7201, "en");
    await u.say("/report");
    await u.expectReply(/What would you like/);
    await u.press("r:t:wrong_info");
    await u.expectReply(/Send a photo/);
    await u.sendDocument(await damagedJpeg(), "image/jpeg", "x.jpg");
    await u.expectReply(/damaged or was not sent completely/);
  });
});
