import type { Connection } from "mongoose";
import { createZaloClient } from "../../bot/zalo/client.js";
import { createZaloTokenManager } from "../../bot/zalo/tokens.js";
import { sendSignedZaloEvent, startFakeZaloApi, type FakeZaloApi } from "../../fakes/zalo-api.js";
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
  async function say(event_name: string, message: Record<string, unknown>): Promise<number> {
    const status = await sendSignedZaloEvent(o.webhookUrl, { event_name, sender: { id: o.userId }, recipient: { id: "oa" }, message: { msg_id: `z${Date.now()}-${++msgSeq}`, ...message } }, keys);
    await o.settle();
    return status;
  }
  return {
    text: (text: string) => say("user_send_text", { text }),
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
    /** Messages the OA sent since the last call. */
    replies(): { text?: string; attachment?: { payload?: { buttons?: { title: string; type: string; payload: unknown }[] } } }[] {
      const all = o.fake.messagesTo(o.userId);
      const fresh = all.slice(read);
      read = seen();
      return fresh;
    },
  };
}
