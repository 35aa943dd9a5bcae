import type { FakeTelegramApi } from "../simulator/telegram-emulator.js";
import { TelegramTestUser } from "../tests/support/telegram-user.js";
import type { IntakePhoto } from "./intake-photos.js";

export interface IntakeSamples {
  /** Photo sent → "Đã nhận ảnh" reply, ms, for 1280-px photos and for 12-MP files. */
  photoMs: number[];
  photoLargeMs: number[];
  /** Confirm pressed → the message with the ticket number. */
  confirmMs: number[];
  /** Confirm pressed → a new ticket's card in the ward's group. */
  cardMs: number[];
  /** Confirm pressed → the edit of the open ticket's card in its group that shows a merged report. */
  editMs: number[];
  /** Completion times (ms since the epoch) of every report. */
  doneAt: number[];
  /** Cards and edits that had not arrived 120 s after their confirm. */
  cardsMissing: number;
  editsMissing: number;
  /** Reports attached to an open ticket for the same poster: its card is edited (counted in editMs), none is posted. */
  merged: number;
  failures: string[];
}

export const emptySamples = (): IntakeSamples => ({ photoMs: [], photoLargeMs: [], confirmMs: [], cardMs: [], editMs: [], doneAt: [], cardsMissing: 0, editsMissing: 0, merged: 0, failures: [] });

const TYPE = { forged: "wrong_info", elsewhere: "wrong_info", foreign: "no_poster", unregistered: "wrong_info" } as const;
/** Where a report of each kind is made: spread over the demo wards so location merges stay rare. */
function place(scenario: IntakePhoto["scenario"], n: number): { lat: number; lng: number } {
  const jitter = (k: number) => ((n * 7919 + k * 104729) % 1000) / 1000;
  // HUE-0001 is registered in Phú Xuân; its code reported in An Cựu is "official, elsewhere".
  if (scenario === "elsewhere") return { lat: 16.445 + 0.02 * jitter(1), lng: 107.595 + 0.03 * jitter(2) };
  return { lat: 16.442 + 0.055 * jitter(3), lng: 107.552 + 0.075 * jitter(4) };
}

const WAIT_MS = 60_000;

/**
 * One resident filing full reports back to back until `until`: /report, type, one photo,
 * done, location, skip the note, confirm. Each step waits for the bot's answer, as a person does.
 */
export async function residentLoop(o: {
  api: FakeTelegramApi; id: number; photos: IntakePhoto[]; until: number; samples: IntakeSamples;
  groupOfWard: (lat: number, lng: number) => number; cardWaits: Promise<void>[];
}): Promise<void> {
  const u = new TelegramTestUser(o.api, o.id);
  for (let n = 0; Date.now() < o.until; n++) {
    const photo = o.photos[(o.id + n) % o.photos.length]!;
    const at = place(photo.scenario, o.id * 1000 + n);
    try {
      await u.say("/report");
      await u.expectReply(/vi phạm nào/, WAIT_MS);
      await u.press(`r:t:${TYPE[photo.scenario]}`);
      await u.expectReply(/Gửi ảnh|lối vào/, WAIT_MS);
      const sent = Date.now();
      if (photo.asFile) await u.sendDocument(photo.bytes, "image/jpeg", `IMG_${o.id}_${n}.jpg`);
      else await u.sendPhoto(photo.bytes);
      await u.expectReply(/Đã nhận ảnh 1/, WAIT_MS);
      (photo.asFile ? o.samples.photoLargeMs : o.samples.photoMs).push(Date.now() - sent);
      await u.press("r:done");
      await u.expectReply(/Gửi vị trí/, WAIT_MS);
      await u.sendLocation(at.lat, at.lng);
      await u.expectReply(/ghi chú/, WAIT_MS);
      await u.press("r:skip");
      await u.expectReply(/Kiểm tra lại/, WAIT_MS);
      const since = o.api.calls.length;
      const confirmed = Date.now();
      await u.press("r:ok");
      const done = (await u.expectReply(/Đã gửi/, WAIT_MS)).text;
      const number = /[A-Z]+-\d{4}-\d{4}/.exec(done)?.[0];
      o.samples.confirmMs.push(Date.now() - confirmed);
      o.samples.doneAt.push(Date.now());
      // A report merged into an open ticket edits that ticket's card (in its own ward's group) instead of posting one.
      const merged = /được gộp vào báo cáo/.test(done);
      if (merged) o.samples.merged++;
      const group = o.groupOfWard(at.lat, at.lng);
      const isCard = (c: { method: string; params: Record<string, unknown> }) =>
        merged
          ? c.method === "editMessageText" && Number(c.params.chat_id) < 0
          : c.method === "sendMessage" && Number(c.params.chat_id) === group;
      o.cardWaits.push(
        o.api
          .waitForCall((c) => isCard(c) && String(c.params.text).includes(number ?? "?"), since, 120_000)
          .then(
            (c) => void (merged ? o.samples.editMs : o.samples.cardMs).push(c.at - confirmed),
            () => void (merged ? o.samples.editsMissing++ : o.samples.cardsMissing++),
          ),
      );
    } catch (e) {
      o.samples.failures.push(`resident ${o.id}: ${String((e as Error).message).slice(0, 300)}`);
      // Start over as a person would: /cancel ends whatever the bot was waiting for.
      await u.say("/cancel").catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
