import { createServer as createHttpServer } from "node:http";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createZaloClient } from "../../bot/zalo/outbound/client.js";
import { createLogger } from "../../platform/logger.js";
import { useTestDatabase } from "../support/database.js";
import { get, postForm } from "../support/open311-client.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

/** A run's log as the operator's log collector would keep it. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger("debug", stream), text: () => lines.join("") };
}

describe("secrets never reach the log", () => {
  const db = useTestDatabase();
  let s: Open311Server | undefined;
  afterAll(() => s?.close());

  it("an Open311 partner's key in refused and failed calls' query strings is not in the log", async () => {
    const log = capturedLog();
    s = await startOpen311Server(db(), { logger: log.logger });
    const { key } = await s.key("Trung tâm IOC Huế", "46");
    expect((await get(`${s.base}/requests.json?api_key=${key}&start_date=hôm-qua`)).status).toBe(400);
    expect((await get(`${s.base}/nowhere.json?api_key=${key}`)).status).toBe(404);
    expect((await postForm(`${s.base}/requests.json?api_key=${key}`, { service_code: "nothing" })).status).toBe(404);
    // The parser's own refusals are the ones the plugin logs, with where they happened.
    expect((await fetch(`${s.base}/requests.json?api_key=${key}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })).status).toBe(400);
    const text = log.text();
    expect(text).toMatch(/open311 request refused/);
    expect(text).toContain('"path":"/open311/v2/requests.json"');
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(5, 25));
  });

  it("a Zalo send whose connection drops logs method, host, path and code, not the access token or the message", async () => {
    const dropping = createHttpServer((req) => req.socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
    const port = (dropping.address() as { port: number }).port;
    const accessToken = "zalo-access-token-4f9d2c7e1b8a";
    const client = createZaloClient({ apiRoot: `http://127.0.0.1:${port}`, tokens: { accessToken: async () => accessToken, expired: async () => undefined } });
    const said = "Phiếu HUE-2026-0042 của bạn đã được tiếp nhận, số nhà 12 Lê Lợi";
    const failure = await client.sendText("8412345", said).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    const log = capturedLog();
    // As the outbox worker logs an undelivered notification.
    log.logger.warn({ err: failure, outboxId: "o1" }, "notification not delivered");
    const text = log.text();
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain("12 Lê Lợi");
    expect(JSON.parse(text).err).toMatchObject({ method: "POST", host: `127.0.0.1:${port}`, code: "ECONNRESET" });
    dropping.close();
  });

  it("sign-in links, tokens in URLs and message bodies in fields are scrubbed wherever they sit", () => {
    const log = capturedLog();
    log.logger.info({ url: "/console/sign-in/AbCdEfGhIjKlMnOpQrStUv?x=1", request: { path: "/oauth?access_token=sekret123&refresh_token=r2" }, text: "số điện thoại 0905123456" }, "seen");
    const text = log.text();
    for (const secret of ["AbCdEfGhIjKlMnOpQrStUv", "sekret123", "r2\"", "0905123456"]) expect(text).not.toContain(secret);
  });
});
