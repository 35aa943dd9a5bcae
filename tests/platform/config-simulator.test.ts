import { describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.js";

describe("when the simulator runs", () => {
  it("runs without a bot token, unless turned off", () => {
    expect(loadConfig({}).simulator).toBe(true);
    expect(loadConfig({ SIMULATOR: "on" }).simulator).toBe(true);
    expect(loadConfig({ SIMULATOR: "off" }).simulator).toBe(false);
  });

  it("never runs next to a real bot or Official Account, and says so when asked to", () => {
    expect(loadConfig({ BOT_TOKEN: "123:abc" }).simulator).toBe(false);
    expect(() => loadConfig({ BOT_TOKEN: "123:abc", SIMULATOR: "on" })).toThrow(/SIMULATOR: the simulator runs only without BOT_TOKEN/);
    const oa = { ZALO_APP_ID: "1", ZALO_APP_SECRET: "s", ZALO_OA_SECRET_KEY: "k" };
    expect(loadConfig(oa).simulator).toBe(false);
    expect(() => loadConfig({ ...oa, SIMULATOR: "on" })).toThrow(/SIMULATOR/);
  });

  it("takes a tile URL template for its map, or none", () => {
    expect(loadConfig({}).mapTileUrl).toBeUndefined();
    expect(loadConfig({ MAP_TILE_URL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png" }).mapTileUrl).toContain("{z}");
    expect(() => loadConfig({ MAP_TILE_URL: "tiles" })).toThrow(/MAP_TILE_URL/);
  });
});
