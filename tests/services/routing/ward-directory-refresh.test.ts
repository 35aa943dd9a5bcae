import { describe, expect, it } from "vitest";
import { wardStore } from "../../../models/ward.js";
import { DEMO_BOUNDARIES, DEMO_UNITS } from "../../../services/registry/demo-registry.js";
import { createWardDirectory } from "../../../services/routing/ward-directory.js";
import { importWards } from "../../../services/routing/ward-import.js";
import { useTestDatabase } from "../../support/database.js";

describe("the ward directory of every instance after an import elsewhere", () => {
  const db = useTestDatabase();

  it("reloads when the stored wards changed, and only then", async () => {
    const wards = wardStore(db());
    await wards.syncIndexes();
    const units = structuredClone(DEMO_UNITS);
    units[0]!.Wards = units[0]!.Wards.slice(0, 2);
    await importWards(wards, { fileName: "u.json", text: JSON.stringify(units) }, [], "first");
    // Two instances load the directory; then the CLI imports new wards with boundaries.
    const [a, b] = [createWardDirectory(wards), createWardDirectory(wards)];
    await Promise.all([a.refresh(), b.refresh()]);
    expect(await a.refreshIfChanged()).toBe(false);
    expect(b.locate(16.455, 107.6)).toBeUndefined();

    await importWards(wards, { fileName: "u.json", text: JSON.stringify(DEMO_UNITS) }, [{ fileName: "b.geojson", text: JSON.stringify(DEMO_BOUNDARIES) }], "second");
    expect(await b.refreshIfChanged()).toBe(true);
    expect(b.locate(16.455, 107.6)?.code).toBe("19815");
    expect(await b.refreshIfChanged()).toBe(false);
    expect(await a.refreshIfChanged()).toBe(true);
    expect(a.byCode("19815")?.name).toBe("An Cựu");
  });
});
