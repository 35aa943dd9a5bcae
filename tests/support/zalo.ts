import type { Connection } from "mongoose";
import { createZaloClient } from "../../bot/zalo/outbound/client.js";
import { createZaloTokenManager } from "../../bot/zalo/outbound/tokens.js";
import { sendSignedZaloEvent, startFakeZaloApi, type FakeZaloApi } from "../../simulator/zalo-emulator.js";
import { zaloLeaseStore } from "../../models/zalo-lease.js";
import { zaloTokenStore } from "../../models/zalo-token.js";
import { zaloUserStore } from "../../models/zalo-user.js";
import { createLogger } from "../../platform/logger.js";

export const ZALO_TEST_KEYS = { appId: "4318901", appSecret: "app-secret", oaSecretKey: "oa-secret-key", refreshToken: "first-refresh" };

/** A fake Zalo OA API and a client talking to it with tokens kept in `conn`. */
export async function startZaloTestRig(conn: Connection) {
  const fake = await startFakeZaloApi(ZALO_TEST_KEYS);
  const users = zaloUserStore(conn);
  await users.syncIndexes();
  const tokens = createZaloTokenManager({
    appId: ZALO_TEST_KEYS.appId,
    appSecret: ZALO_TEST_KEYS.appSecret,
    oauthRoot: fake.root,
    initialRefreshToken: ZALO_TEST_KEYS.refreshToken,
    store: zaloTokenStore(conn),
    leases: zaloLeaseStore(conn),
    logger: createLogger("silent"),
  });
  const client = createZaloClient({ apiRoot: fake.root, tokens });
  return { fake, client, users };
}

let msgSeq = 0;

/**
 * A Zalo resident speaking to the product's webhook with signed events, and reading
 * what the OA sent back through the fake. `settle` waits for the inbox to be processed.
 */
export function zaloResident(o: { webhookUrl: string; fake: FakeZaloApi; userId: string; settle: () => Promise<void> }) {
  const keys = { appId: ZALO_TEST_KEYS.appId, oaSecretKey: ZALO_TEST_KEYS.oaSecretKey };
  const seen = () => o.fake.messagesTo(o.userId).length;
  let read = 0;
  let last: Record<string, unknown> | undefined;
  /** Waits for processing only on the live webhook; another URL may stand for a process that crashed. */
  async function deliver(event: Record<string, unknown>, url = o.webhookUrl): Promise<number> {
    const status = await sendSignedZaloEvent(url, event, keys);
    if (url === o.webhookUrl) await o.settle();
    return status;
  }
  function say(event_name: string, message: Record<string, unknown>, url?: string): Promise<number> {
    last = { event_name, sender: { id: o.userId }, recipient: { id: "oa" }, message: { msg_id: `z${Date.now()}-${++msgSeq}`, ...message } };
    return deliver(last, url);
  }
  return {
    /** A button tap by its callback data (what a query button's payload carries). */
    press: (data: string, url?: string) => say("user_send_text", { text: `#q:${data}` }, url),
    /** Zalo delivering the previous event once more (same msg_id, fresh signature). */
    redeliver: () => deliver({ ...last!, timestamp: String(Date.now()) }),
    /** The previous event replayed as captured, its old timestamp and all. */
    replayStale: () => deliver({ ...last!, timestamp: String(Date.now() - 15 * 60_000) }),
    text: (text: string, url?: string) => say("user_send_text", { text }, url),
    /** A text with a chosen Zalo msg_id (the inbox's dedupe key). */
    textWithId: (msgId: string, text: string) => say("user_send_text", { msg_id: msgId, text }),
    /** A tap on a query button: Zalo sends its payload as the user's message. */
    tap: (button: { payload?: unknown }) => say("user_send_text", { text: String(button.payload) }),
    image: (url: string) => say("user_send_image", { attachments: [{ type: "image", payload: { url, thumbnail: url } }] }),
    file: (url: string, name: string, size: number) => say("user_send_file", { attachments: [{ type: "file", payload: { url, name, size: String(size) } }] }),
    location: (latitude: number, longitude: number) =>
      say("user_send_location", { attachments: [{ type: "location", payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } } }] }),
    sticker: () => say("user_send_sticker", { attachments: [{ type: "sticker", payload: { id: "1", url: "https://zalo.example/sticker" } }] }),
    follow: async () => {
      const status = await sendSignedZaloEvent(o.webhookUrl, { event_name: "follow", follower: { id: o.userId }, oa_id: "oa", source: "oa_profile" }, keys);
      await o.settle();
      return status;
    },
    /** The newest message matching `re` among those sent since the last read. */
    expectReply(re: RegExp): string {
      const texts = this.replies().map((m) => String(m.text ?? ""));
      const hit = texts.findLast((t) => re.test(t));
      if (!hit) throw new Error(`no reply matching ${re}; got:\n${texts.join("\n---\n")}`);
      return hit;
    },
    /** Messages the OA sent since the last call. */
    replies(): { text?: string; attachment?: { payload?: { buttons?: { title: string; type: string; payload: unknown }[] } } }[] {
      const all = o.fake.messagesTo(o.userId);
      const fresh = all.slice(read);
      read = seen();
      return fresh;
    },
  };
}
