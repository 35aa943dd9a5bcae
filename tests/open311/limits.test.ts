import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { startOpen311Server, type Open311Server } from "../support/open311-server.js";

/**
 * Sends a request's headers and only the first part of the body it announces, and returns the
 * status line the server answers with: an answer at all proves the server decided without
 * waiting for (or reading) the rest.
 */
function answerBeforeBody(base: string, o: { path: string; type: string; length: number; start: string; headers?: Record<string, string> }): Promise<number> {
  const url = new URL(`${base}${o.path}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      const extra = Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${o.type}\r\nContent-Length: ${o.length}\r\n${extra}\r\n${o.start}`);
    });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += String(chunk);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", reject);
  });
}

const BOUNDARY = "----limits";
const mediaStart = (fields: Record<string, string>) =>
  Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n` + "\xff\xd8".padEnd(32 * 1024, "x");

describe("Open311 limits come before work", () => {
  const db = useTestDatabase();
  let s: Open311Server;
  let key = "";
  beforeAll(async () => {
    s = await startOpen311Server(db(), { requestsPerMinute: 3, trustProxy: ["127.0.0.1"] });
    key = (await s.key("Trung tâm IOC Huế", "46")).key;
  });
  afterAll(() => s?.close());

  it("an 8 MB upload without a key, or with a wrong one, is refused before its photo is read", async () => {
    const multipart = { type: `multipart/form-data; boundary=${BOUNDARY}`, length: 8 * 1024 * 1024 };
    expect(await answerBeforeBody(s.base, { path: "/requests.json", ...multipart, start: mediaStart({ service_code: "no_poster" }), headers: { "x-forwarded-for": "198.51.100.1" } })).toBe(403);
    expect(await answerBeforeBody(s.base, { path: "/requests.json", ...multipart, start: mediaStart({ api_key: "o311_" + "A".repeat(32) }), headers: { "x-forwarded-for": "198.51.100.2" } })).toBe(403);
    expect(await answerBeforeBody(s.base, { path: `/requests.json?api_key=o311_${"B".repeat(32)}`, ...multipart, start: "", headers: { "x-forwarded-for": "198.51.100.3" } })).toBe(403);
    expect(await answerBeforeBody(s.base, { path: `/requests.json?api_key=${key}`, type: "application/x-www-form-urlencoded", length: 300 * 1024, start: "service_code=no_poster", headers: { "x-forwarded-for": "198.51.100.4" } })).toBe(413);
  });

  it("keyless calls are limited per client address, read behind a trusted proxy; a partner's key has its own count", async () => {
    const post = (forwardedFor: string, fields: Record<string, string> = {}) =>
      fetch(`${s.base}/requests.json`, { method: "POST", headers: { "x-forwarded-for": forwardedFor }, body: new URLSearchParams({ service_code: "no_poster", ...fields }) });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post("203.0.113.5")).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    expect((await post("203.0.113.5")).headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await post("203.0.113.6")).status).toBe(403);
    expect((await fetch(`${s.base}/requests.json?api_key=${key}`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.5" }, body: new URLSearchParams({ service_code: "nothing" }) })).status).toBe(404);
  });

  it("the size in a 413 is the limit the request ran into: 256 KB for a form", async () => {
    const big = await fetch(`${s.base}/requests.json?api_key=${key}`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.9" }, body: new URLSearchParams({ service_code: "no_poster", description: "x".repeat(300 * 1024) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { description: string }[])[0]!.description).toBe("Nội dung gửi lên quá lớn (tối đa 256 KB).");
  });
});
