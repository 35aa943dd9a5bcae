import { describe, expect, it } from "vitest";
import { createWardSearch } from "../../../services/routing/ward-search.js";

const ward = (code: string, kind: string, name: string, provinceCode = "46") => ({ code, kind, name, provinceCode, provinceName: provinceCode });
const search = createWardSearch([
  ward("19753", "Phường", "Phú Xuân"),
  ward("19789", "Phường", "Thuận Hoá"),
  ward("19777", "Phường", "Vỹ Dạ"),
  ward("22222", "Xã", "Phú Xuân", "30"),
  ward("19900", "Xã", "Phú Vang"),
  ward("19901", "Phường", "Xuân Phú"),
]);
const codes = (text: string, options?: { provinceCode?: string; limit?: number }) => search.search(text, options).map((w) => w.code);

describe("ward name search", () => {
  it.each(["phu xuan", "Phú Xuân", "P. Phú Xuân", "phuong phu xuan", "PHƯỜNG PHÚ XUÂN", "phuxuan"])("%s finds Phường Phú Xuân first in Huế", (text) => {
    expect(codes(text, { provinceCode: "46" })[0]).toBe("19753");
  });

  it("forgives the two spellings of a tone mark (Hóa / Hoá)", () => {
    expect(codes("Thuận Hóa")[0]).toBe("19789");
    expect(codes("vy da")[0]).toBe("19777");
  });

  it("ranks exact names above partial ones and prefers the typed kind", () => {
    expect(codes("xa phu xuan").slice(0, 2)).toEqual(["22222", "19753"]);
    expect(codes("phu")).toEqual(expect.arrayContaining(["19753", "19900", "22222"]));
    expect(codes("phu")).not.toContain("19789");
  });

  it("limits to a province and to the requested count", () => {
    expect(codes("phu xuan", { provinceCode: "30" })).toEqual(["22222"]);
    expect(codes("phu", { limit: 1 })).toHaveLength(1);
    expect(codes("  ")).toEqual([]);
    expect(codes("zzz")).toEqual([]);
  });
});
