import type { TelegramTestUser } from "./telegram-user.js";

/**
 * The plain path of /report — a type, one photo, a location, no note, confirm — with each
 * prompt checked on the way. Returns the bot's final answer (with the ticket number).
 */
export async function reportPlainly(
  u: TelegramTestUser,
  o: { type: "no_poster" | "wrong_info" | "unscannable"; photo: Buffer; lat: number; lng: number; photoReply?: RegExp },
): Promise<string> {
  await u.say("/report");
  await u.expectReply(/vi phạm nào/);
  await u.press(`r:t:${o.type}`);
  await u.expectReply(o.type === "no_poster" ? /lối vào/ : /Gửi ảnh/);
  await u.sendPhoto(o.photo);
  await u.expectReply(o.photoReply ?? /Đã nhận ảnh 1/);
  await u.press("r:done");
  await u.expectReply(/Gửi vị trí/);
  await u.sendLocation(o.lat, o.lng);
  await u.expectReply(/ghi chú/);
  await u.press("r:skip");
  await u.expectReply(/Kiểm tra lại/);
  await u.press("r:ok");
  return (await u.expectReply(/Đã gửi/)).text;
}
