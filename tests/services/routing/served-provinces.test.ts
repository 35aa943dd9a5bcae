import { describe, expect, it } from "vitest";
import { venueStore } from "../../../models/venue.js";
import { wardStore } from "../../../models/ward.js";
import { DEMO_BOUNDARIES, DEMO_UNITS } from "../../../services/registry/demo-registry.js";
import { importVenues } from "../../../services/registry/venue-import.js";
import { provinceChoice, servedProvinceCodes } from "../../../services/routing/served-provinces.js";
import { createWardDirectory } from "../../../services/routing/ward-directory.js";
import { importWards } from "../../../services/routing/ward-import.js";
import { useTestDatabase } from "../../support/database.js";

const none = new Set<string>();

describe("which provinces a deployment serves", () => {
  it("the configured ones it knows, in the operator's order; else those with venues or boundaries; else all", () => {
    const known = ["01", "12", "46", "04"];
    expect(servedProvinceCodes({ configured: ["46", "12", "46"], known, withVenues: none, withBoundaries: none })).toEqual(["46", "12"]);
    // A code the directory does not know (a typo, a province not imported) is no province served.
    expect(servedProvinceCodes({ configured: ["99"], known, withVenues: new Set(["46"]), withBoundaries: none })).toEqual(["46"]);
    expect(servedProvinceCodes({ configured: [], known, withVenues: new Set(["46"]), withBoundaries: new Set(["12"]) })).toEqual(["12", "46"]);
    expect(servedProvinceCodes({ configured: [], known, withVenues: none, withBoundaries: none })).toEqual(["01", "04", "12", "46"]);
    expect(servedProvinceCodes({ configured: ["46"], known: [], withVenues: none, withBoundaries: none })).toEqual([]);
  });

  it("a page shows the served province asked for, else the first; one not served is not a page's subject", () => {
    const directory = { servedProvinces: () => ["12", "46"] };
    expect(provinceChoice(directory, "46")).toEqual({ provinceCode: "46", provinces: ["12", "46"] });
    for (const asked of [undefined, "01", ["46"], "", "46 "]) expect(provinceChoice(directory, asked)).toEqual({ provinceCode: "12", provinces: ["12", "46"] });
    expect(provinceChoice({ servedProvinces: () => [] }, "46")).toEqual({ provinceCode: undefined, provinces: [] });
  });

  describe("in the ward directory", () => {
    const db = useTestDatabase();

    it("follows a venue import on its minute check, without reloading the wards", async () => {
      const wards = wardStore(db());
      const venues = venueStore(db());
      await Promise.all([wards.syncIndexes(), venues.syncIndexes()]);
      // Two provinces, no boundaries and no venues yet: nothing tells them apart.
      const lc = { Code: "12", Name: "Lai Châu", FullName: "Tỉnh Lai Châu", Wards: [{ Code: "03388", Name: "Tân Phong", FullName: "Phường Tân Phong", ProvinceCode: "12", AdministrativeUnitShortName: "Phường" }] };
      await importWards(wards, { fileName: "u.json", text: JSON.stringify([...DEMO_UNITS, lc]) }, []);
      const directory = createWardDirectory(wards, { venueWardCodes: venues.wardCodes });
      expect(await directory.refresh()).toMatchObject({ served: ["12", "46"] });

      await importVenues(venues, new TextEncoder().encode("code,name,address,category,ward_code,lat,lng,status,qr_payloads\nLC-1,Chợ Tân Phong,1 Trần Phú,market,03388,22.396,103.458,active,\n"), () => true);
      expect(await directory.refreshIfChanged()).toBe(false);
      expect(directory.servedProvinces()).toEqual(["12"]);

      // Boundaries arrive for Huế: the wards reload and Huế is served too.
      await importWards(wards, { fileName: "u.json", text: JSON.stringify([...DEMO_UNITS, lc]) }, [{ fileName: "b.geojson", text: JSON.stringify(DEMO_BOUNDARIES) }]);
      expect(await directory.refreshIfChanged()).toBe(true);
      expect(directory.servedProvinces()).toEqual(["12", "46"]);
    });
  });
});
