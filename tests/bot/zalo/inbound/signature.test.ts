import { describe, expect, it } from "vitest";
import { verifyZaloWebhook, zaloSignature } from "../../../../bot/zalo/inbound/signature.js";

const o = { appId: "4318901", oaSecretKey: "k", now: new Date(1795430000000), maxSkewMs: 300_000 };
const body = (ts: number, appId = o.appId) => Buffer.from(JSON.stringify({ app_id: appId, event_name: "user_send_text", timestamp: String(ts) }));

describe("Zalo webhook signatures", () => {
  it("is mac= and hex SHA-256 over app id, raw body, timestamp and OA secret key", () => {
    const raw = body(1795430000000);
    expect(zaloSignature("4318901", raw, "1795430000000", "k")).toMatch(/^mac=[0-9a-f]{64}$/);
    expect(verifyZaloWebhook(raw, zaloSignature("4318901", raw, "1795430000000", "k"), o)).toMatchObject({ ok: true });
  });

  it("names why a delivery is refused", () => {
    const raw = body(1795430000000);
    expect(verifyZaloWebhook(raw, "mac=00", o)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyZaloWebhook(raw, undefined, o)).toEqual({ ok: false, reason: "bad_signature" });
    const old = body(1795430000000 - 600_000);
    expect(verifyZaloWebhook(old, zaloSignature(o.appId, old, String(1795430000000 - 600_000), "k"), o)).toEqual({ ok: false, reason: "stale" });
    expect(verifyZaloWebhook(body(1795430000000, "2"), "mac=00", o)).toEqual({ ok: false, reason: "unknown_app" });
    expect(verifyZaloWebhook(Buffer.from("{not json"), "mac=00", o)).toEqual({ ok: false, reason: "malformed" });
  });
});
