import { ImportInputError, type Rejection } from "../registry/import-report.js";
import type { WardRef } from "./ward-ref.js";

interface RawUnit {
  Code?: unknown;
  Name?: unknown;
  FullName?: unknown;
  ProvinceCode?: unknown;
  AdministrativeUnitShortName?: unknown;
  Wards?: unknown;
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/**
 * Reads the administrative units JSON: an array of provinces `{ Code, Name, FullName, Wards[] }`,
 * each ward `{ Code, Name, FullName, ProvinceCode, AdministrativeUnitShortName }` (the layout of
 * thanglequoc/vietnamese-provinces-database). Bad entries are rejected one by one.
 */
export function parseUnits(json: string, fileName: string): { wards: WardRef[]; rejected: Rejection[] } {
  let provinces: unknown;
  try {
    provinces = JSON.parse(json);
  } catch {
    throw new ImportInputError("not_json", `${fileName}: not valid JSON`);
  }
  if (!Array.isArray(provinces)) throw new ImportInputError("not_province_list", `${fileName}: expected an array of provinces`);
  const wards: WardRef[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  provinces.forEach((p: RawUnit, pi) => {
    const provinceCode = text(p?.Code);
    const provinceName = text(p?.FullName) || text(p?.Name);
    if (!provinceCode || !provinceName || !Array.isArray(p.Wards)) {
      rejected.push({ where: `province #${pi + 1}`, reason: "bad_province", detail: "needs Code, Name and Wards[]" });
      return;
    }
    p.Wards.forEach((w: RawUnit, wi) => {
      const code = text(w?.Code);
      const name = text(w?.Name);
      const kind = text(w?.AdministrativeUnitShortName) || text(w?.FullName).replace(name, "").trim();
      const where = code ? `${code} (${provinceCode})` : `province ${provinceCode} ward #${wi + 1}`;
      const reject = (reason: string, detail?: string) => rejected.push({ where, reason, ...(detail ? { detail } : {}) });
      if (!/^\d{1,10}$/.test(code)) reject("bad_code", "expected digits");
      else if (!name) reject("missing_name");
      else if (!kind) reject("missing_kind", "needs AdministrativeUnitShortName or FullName");
      else if (w.ProvinceCode !== undefined && text(w.ProvinceCode) !== provinceCode) reject("province_mismatch", `ProvinceCode ${text(w.ProvinceCode)}`);
      else if (seen.has(code)) reject("duplicate_code");
      else {
        seen.add(code);
        wards.push({ code, name, kind, provinceCode, provinceName });
      }
    });
  });
  return { wards, rejected };
}
