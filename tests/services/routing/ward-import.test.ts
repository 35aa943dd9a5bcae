import { beforeAll, describe, expect, it } from "vitest";
import { wardStore } from "../../../models/ward.js";
import { DEMO_BOUNDARIES, DEMO_UNITS } from "../../../services/registry/demo-registry.js";
import { ImportInputError } from "../../../services/registry/import-report.js";
import { createWardDirectory } from "../../../services/routing/ward-directory.js";
import { importWards } from "../../../services/routing/ward-import.js";
import { useTestDatabase } from "../../support/database.js";

const units = (data: unknown) => ({ fileName: "units.json", text: JSON.stringify(data) });
const boundaries = { fileName: "b.geojson", text: JSON.stringify(DEMO_BOUNDARIES) };

describe("importing the ward directory", () => {
  const db = useTestDatabase();
  let wards: ReturnType<typeof wardStore>;
  beforeAll(async () => {
    wards = wardStore(db());
    await wards.syncIndexes();
  });

  it("adds, then reports unchanged on re-import, then updates only what changed", async () => {
    expect(await importWards(wards, units(DEMO_UNITS), [boundaries])).toEqual({ added: 4, updated: 0, unchanged: 0, rejected: [] });
    expect(await importWards(wards, units(DEMO_UNITS), [boundaries])).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    // Units alone keep the boundaries already stored.
    expect(await importWards(wards, units(DEMO_UNITS), [])).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    const renamed = structuredClone(DEMO_UNITS);
    renamed[0]!.Wards[0]!.Name = "Phú Xuân Mới";
    expect(await importWards(wards, units(renamed), [])).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    expect((await wards.withBoundaries()).map((w) => w.code)).toEqual(["19753", "19777", "19789", "19815"]);
  });

  it("rejects bad units and stray boundaries with reasons, keeping the good ones", async () => {
    const bad = structuredClone(DEMO_UNITS) as unknown as { Wards: Record<string, unknown>[] }[];
    bad[0]!.Wards.push({ Code: "19753", Name: "Twice", AdministrativeUnitShortName: "Phường" }, { Code: "x1", Name: "Bad" }, { Code: "19999", Name: "" });
    const stray = { fileName: "s.geojson", text: JSON.stringify({ type: "FeatureCollection", features: [
      { properties: { code: "88888" }, geometry: DEMO_BOUNDARIES.features[0]!.geometry },
      { properties: { code: "19753" }, geometry: { type: "Polygon", coordinates: [[[1, 2]]] } },
    ] }) };
    const summary = await importWards(wards, units(bad), [stray]);
    expect(summary.rejected.map((r) => r.reason).sort()).toEqual(["bad_code", "bad_geometry", "boundary_for_unknown_ward", "duplicate_code", "missing_name"]);
  });

  it("refuses a file that is not a units list", async () => {
    await expect(importWards(wards, { fileName: "x.json", text: "{oops" }, [])).rejects.toBeInstanceOf(ImportInputError);
    await expect(importWards(wards, units({ a: 1 }), [])).rejects.toMatchObject({ reason: "not_province_list" });
  });

  it("the directory locates, searches and finds by code after a refresh", async () => {
    const directory = createWardDirectory(wards);
    expect(directory.locate(16.485, 107.57)).toBeUndefined();
    expect(await directory.refresh()).toEqual({ wards: 4, boundaries: 4, served: ["46"] });
    expect(directory.locate(16.485, 107.57)?.code).toBe("19753");
    expect(directory.locate(16.485, 107.7)).toBeUndefined();
    expect(directory.search("an cuu")[0]?.code).toBe("19815");
    expect(directory.byCode("19777")?.name).toBe("Vỹ Dạ");
  });
});
