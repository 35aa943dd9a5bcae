import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.key);
    throw e;
  }
}

describe("Open311 configuration", () => {
  it("lists nothing by default: the province codes as jurisdictions, no browser origin, contact and key service in words", () => {
    expect(loadConfig({}).open311).toEqual({ jurisdictionIds: [], corsOrigins: [], contact: undefined, keyService: undefined });
  });

  it("reads jurisdiction ids, origins, a URL or an e-mail for contact and key service", () => {
    expect(loadConfig({
      OPEN311_JURISDICTION_IDS: "hue.gov.vn, 46", OPEN311_CORS_ORIGINS: "https://ioc.hue.gov.vn,http://127.0.0.1:5173",
      OPEN311_CONTACT: "open311@hue.gov.vn", OPEN311_KEY_SERVICE: "https://qr.hue.gov.vn/open311",
    }).open311).toEqual({
      jurisdictionIds: ["hue.gov.vn", "46"], corsOrigins: ["https://ioc.hue.gov.vn", "http://127.0.0.1:5173"], contact: "open311@hue.gov.vn", keyService: "https://qr.hue.gov.vn/open311",
    });
  });

  it("refuses a wildcard or a path as an origin, ids with spaces or slashes, a contact that is neither URL nor e-mail", () => {
    expect(problems({ OPEN311_CORS_ORIGINS: "*" })).toEqual(["OPEN311_CORS_ORIGINS"]);
    expect(problems({ OPEN311_CORS_ORIGINS: "https://ioc.hue.gov.vn/app" })).toEqual(["OPEN311_CORS_ORIGINS"]);
    expect(problems({ OPEN311_JURISDICTION_IDS: "hue gov/vn" })).toEqual(["OPEN311_JURISDICTION_IDS"]);
    expect(problems({ OPEN311_CONTACT: "call the ward" })).toEqual(["OPEN311_CONTACT"]);
  });
});
