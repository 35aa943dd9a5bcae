import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../platform/config.js";
import { createLogger } from "../../../platform/logger.js";
import { parsePayload, signPayload } from "../../../services/registry/payload.js";
import { registrySigningKey } from "../../../services/registry/signing-key.js";

const OLD = "the-first-signing-key-2021";
const NEW = "the-rotated-signing-key-2026";
const logger = createLogger("silent");

describe("rotating REGISTRY_SIGNING_KEY", () => {
  const before = registrySigningKey(loadConfig({ BOT_TOKEN: "1:x", REGISTRY_SIGNING_KEY: OLD }), logger);
  const after = registrySigningKey(
    loadConfig({ BOT_TOKEN: "1:x", REGISTRY_SIGNING_KEY: NEW, REGISTRY_SIGNING_KEY_ID: "k26", REGISTRY_RETIRED_KEYS: `0=${OLD}` }),
    logger,
  );
  const printed = signPayload("HUE-0001", before);

  it("keeps posters printed before the rotation valid, by the retired key of their id", () => {
    expect(printed).toMatch(/^VNQR1:HUE-0001:[A-Za-z0-9_-]{16}$/);
    expect(parsePayload(printed, after)).toEqual({ kind: "signed", venueCode: "HUE-0001", keyId: "0" });
  });

  it("signs new posters with the new key and prints its id", () => {
    const fresh = signPayload("HUE-0001", after);
    expect(fresh).toMatch(/^VNQR1:HUE-0001:[A-Za-z0-9_-]{16}:k26$/);
    expect(parsePayload(fresh, after)).toEqual({ kind: "signed", venueCode: "HUE-0001", keyId: "k26" });
    // An installation that never learnt the new key cannot vouch for it.
    expect(parsePayload(fresh, before)).toMatchObject({ kind: "bad_signature" });
  });

  it("refuses an unknown key id, a swapped key id and an old poster once its key is dropped", () => {
    const fresh = signPayload("HUE-0001", after);
    expect(parsePayload(fresh.replace(/:k26$/, ":k99"), after)).toMatchObject({ kind: "bad_signature" });
    expect(parsePayload(fresh.replace(/:k26$/, ""), after)).toMatchObject({ kind: "bad_signature" });
    const dropped = registrySigningKey(loadConfig({ BOT_TOKEN: "1:x", REGISTRY_SIGNING_KEY: NEW, REGISTRY_SIGNING_KEY_ID: "k26" }), logger);
    expect(parsePayload(printed, dropped)).toMatchObject({ kind: "bad_signature" });
  });

  it("names the key when the retired list is malformed", () => {
    expect(() => loadConfig({ REGISTRY_RETIRED_KEYS: "0=short" })).toThrow(/REGISTRY_RETIRED_KEYS/);
  });
});
