import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloInboxWorker } from "../../../../bot/zalo/inbound/inbox-worker.js";
import { sendSignedZaloEvent } from "../../../../simulator/zalo-emulator.js";
import { zaloInboxStore, type ZaloInboxEntry } from "../../../../models/zalo-inbox.js";
import { zaloLeaseStore } from "../../../../models/zalo-lease.js";
import { createLogger } from "../../../../platform/logger.js";
import { registerZaloWebhook } from "../../../../bot/zalo/inbound/webhook.js";
import { useTestDatabase } from "../../../support/database.js";

const keys = { appId: "4318901", oaSecretKey: "oa-secret-key" };
const text = (msgId: string, body = "xin chào") => ({
  event_name: "user_send_text",
  sender: { id: "8400000000000000001" },
  recipient: { id: "oa" },
  message: { msg_id: msgId, text: body },
});

describe("POST /zalo", () => {
  const db = useTestDatabase();
  let app: FastifyInstance;
  let url: string;
  const processed: ZaloInboxEntry[] = [];
  let ackOnly = false;
  const logger = createLogger("silent");
  const worker = () => createZaloInboxWorker({ inbox: zaloInboxStore(db()), leases: zaloLeaseStore(db()), process: async (e) => void processed.push(e), logger });
  let live: ReturnType<typeof worker>;

  beforeAll(async () => {
    const inbox = zaloInboxStore(db());
    await inbox.syncIndexes();
    await zaloLeaseStore(db()).syncIndexes();
    live = worker();
    app = Fastify();
    await registerZaloWebhook(app, { ...keys, inbox, onStored: () => (ackOnly ? undefined : void live.drain()) });
    url = (await app.listen({ port: 0, host: "127.0.0.1" })) + "/zalo";
  });
  afterAll(() => app.close());

  it("accepts a 300 KB event (a long text with its attachments' metadata)", async () => {
    expect(await sendSignedZaloEvent(url, text("m-big", "à".repeat(150_000)), keys)).toBe(200);
  });

  it("accepts a signed event, answers 200 and processes it once even when delivered twice", async () => {
    expect(await sendSignedZaloEvent(url, text("m-1"), keys)).toBe(200);
    expect(await sendSignedZaloEvent(url, text("m-1"), keys)).toBe(200);
    await live.drain();
    expect(processed.filter((e) => e.key === "msg:m-1")).toHaveLength(1);
  });

  it("rejects a forged body, a wrong key, a stale timestamp and another app with 401 and stores nothing", async () => {
    const inbox = zaloInboxStore(db());
    const before = await inbox.countByState("pending");
    const forged = (raw: Buffer) => Buffer.from(raw.toString("utf8").replace("xin chào", "hacked"));
    expect(await sendSignedZaloEvent(url, text("m-2"), keys, forged)).toBe(401);
    expect(await sendSignedZaloEvent(url, text("m-3"), { ...keys, oaSecretKey: "guess" })).toBe(401);
    expect(await sendSignedZaloEvent(url, { ...text("m-4"), timestamp: String(Date.now() - 10 * 60_000) }, keys)).toBe(401);
    expect(await sendSignedZaloEvent(url, text("m-5"), { ...keys, appId: "999" })).toBe(401);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...text("m-6"), app_id: keys.appId, timestamp: String(Date.now()) }) });
    expect(res.status).toBe(401);
    expect(await inbox.countByState("pending")).toBe(before);
    await live.drain();
    expect(processed.map((e) => e.key).filter((k) => /^msg:m-[2-6]$/.test(k))).toEqual([]);
  });

  it("an event acknowledged just before a crash is processed when the next instance starts", async () => {
    ackOnly = true;
    expect(await sendSignedZaloEvent(url, text("m-7", "sau sự cố"), keys)).toBe(200);
    ackOnly = false;
    expect(processed.some((e) => e.key === "msg:m-7")).toBe(false);
    const restarted = worker();
    await restarted.start();
    await restarted.stop();
    expect(processed.filter((e) => e.key === "msg:m-7")).toHaveLength(1);
  });

  it("three instances draining one inbox process every event exactly once", async () => {
    ackOnly = true;
    await Promise.all(Array.from({ length: 12 }, (_, i) => sendSignedZaloEvent(url, text(`p-${i}`), keys)));
    ackOnly = false;
    await Promise.all([worker().drain(), worker().drain(), worker().drain()]);
    const keysSeen = processed.filter((e) => e.key.startsWith("msg:p-")).map((e) => e.key);
    expect(keysSeen).toHaveLength(12);
    expect(new Set(keysSeen).size).toBe(12);
  });
});
