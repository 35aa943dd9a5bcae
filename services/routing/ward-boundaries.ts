import type { Boundary } from "./ward-locator.js";
import { ImportInputError, type Rejection } from "../registry/import-report.js";

export interface ParsedBoundaries {
  byCode: Map<string, Boundary>;
  rejected: Rejection[];
}

function validRing(ring: unknown): boolean {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every((p) => Array.isArray(p) && p.length >= 2 && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)
  );
}

function validBoundary(g: { type?: unknown; coordinates?: unknown } | null | undefined): g is Boundary {
  if (!g || !Array.isArray(g.coordinates)) return false;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  return polygons.length > 0 && polygons.every((p) => Array.isArray(p) && p.length > 0 && p.every(validRing));
}

/** Reads a GeoJSON FeatureCollection whose features carry `properties.code` (the ward code). */
export function parseBoundaries(text: string, fileName: string): ParsedBoundaries {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new ImportInputError("not_json", `${fileName}: not valid JSON`);
  }
  if (doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) {
    throw new ImportInputError("not_feature_collection", `${fileName}: expected a GeoJSON FeatureCollection`);
  }
  const byCode = new Map<string, Boundary>();
  const rejected: Rejection[] = [];
  doc.features.forEach((f: { properties?: { code?: unknown }; geometry?: { type?: unknown; coordinates?: unknown } }, i) => {
    const where = `${fileName}#${i + 1}`;
    const code = f?.properties?.code;
    if (typeof code !== "string" || code.trim() === "") rejected.push({ where, reason: "missing_code" });
    else if (!validBoundary(f.geometry)) rejected.push({ where: `${where} (${code})`, reason: "bad_geometry" });
    else if (byCode.has(code)) rejected.push({ where: `${where} (${code})`, reason: "duplicate_code" });
    else byCode.set(code.trim(), f.geometry);
  });
  return { byCode, rejected };
}
