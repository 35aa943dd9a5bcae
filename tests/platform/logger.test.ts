import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", stream), text: () => lines.join("") };
}

describe("logger", () => {
  it("never writes tokens, secrets or phone numbers", () => {
    const { logger, text } = capture();
    logger.info({ botToken: "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", user: { phone: "+84901234567" } }, "started");
    logger.info("GET https://api.telegram.org/bot123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/getMe failed");
    logger.error({ err: new Error("call to /bot987654:BBBBBBBBBBBBBBBBBBBBBBBBBBBB/sendMessage") }, "oops");
    const out = text();
    expect(out).not.toContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(out).not.toContain("BBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    expect(out).not.toContain("+84901234567");
    expect(out).toContain("<bot-token>");
  });
});
