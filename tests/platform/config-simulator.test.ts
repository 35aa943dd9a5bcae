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

  it("refuses a database on another machine unless told twice (SIMULATOR=on and SIMULATOR_ALLOW_REMOTE_DB=yes)", () => {
    const remote = "mongodb://user:pw@db.hue.gov.vn:27017/qr";
    expect(() => loadConfig({ MONGODB_URI: remote })).toThrow(/SIMULATOR: the simulator would run against a database on another machine/);
    expect(() => loadConfig({ MONGODB_URI: "mongodb+srv://cluster0.example.net/qr" })).toThrow(/SIMULATOR/);
    expect(() => loadConfig({ MONGODB_URI: remote, SIMULATOR: "on" })).toThrow(/SIMULATOR_ALLOW_REMOTE_DB=yes/);
    expect(loadConfig({ MONGODB_URI: remote, SIMULATOR: "on", SIMULATOR_ALLOW_REMOTE_DB: "yes" }).simulator).toBe(true);
    expect(loadConfig({ MONGODB_URI: remote, SIMULATOR: "off" }).simulator).toBe(false);
    for (const local of ["mongodb://127.0.0.1:27017/qr", "mongodb://localhost/qr", "mongodb://u:p@[::1]:27018,127.0.0.2/qr?replicaSet=r"]) expect(loadConfig({ MONGODB_URI: local }).simulator).toBe(true);
    expect(() => loadConfig({ MONGODB_URI: "mongodb://127.0.0.1,db.example.net/qr" })).toThrow(/SIMULATOR/);
  });

  it("takes a tile URL template for its map, or none", () => {
    expect(loadConfig({}).mapTileUrl).toBeUndefined();
    expect(loadConfig({ MAP_TILE_URL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png" }).mapTileUrl).toContain("{z}");
    expect(() => loadConfig({ MAP_TILE_URL: "tiles" })).toThrow(/MAP_TILE_URL/);
  });
});
