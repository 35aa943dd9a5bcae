import { VENUE_CATEGORIES, VENUE_STATUSES, type VenueCategory, type VenueStatus } from "../../models/venue.js";
import { decodeUtf8, parseRecords } from "./csv-input.js";
import { ImportInputError, type Rejection } from "./import-report.js";
import { normalisePayload } from "./normalise-payload.js";

/** CSV columns, in export order; the first seven are required in the header. */
export const VENUE_COLUMNS = ["code", "name", "address", "category", "ward_code", "lat", "lng", "status", "qr_payloads"] as const;
const REQUIRED = VENUE_COLUMNS.slice(0, 7);

export interface VenueRow {
  line: number;
  code: string;
  name: string;
  address: string;
  category: VenueCategory;
  wardCode: string;
  location: { lat: number; lng: number };
  status: VenueStatus;
  qrPayloads: string[];
}

/** Vietnam with its islands, generously: a point outside is a typo or swapped lat/lng. */
const inVietnam = (lat: number, lng: number) => lat >= 6 && lat <= 24 && lng >= 102 && lng <= 118;

/** Validates every row; `knownWard` tells whether a ward code exists in the directory. */
export function parseVenueCsv(bytes: Uint8Array, knownWard: (code: string) => boolean): { rows: VenueRow[]; rejected: Rejection[] } {
  const [header, ...records] = parseRecords(decodeUtf8(bytes));
  const columns = (header?.record ?? []).map((c) => c.toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ImportInputError("missing_columns", `the header lacks column(s): ${missing.join(", ")}`);

  const rows: VenueRow[] = [];
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (name: string) => record[columns.indexOf(name)] ?? "";
    const reject = (reason: string, detail?: string) => rejected.push({ where: `line ${line}`, reason, ...(detail ? { detail } : {}) });
    const lat = Number(cell("lat"));
    const lng = Number(cell("lng"));
    const status = cell("status") || "active";
    const code = cell("code");
    if (record.length < columns.length) reject("missing_cells", `${record.length} of ${columns.length} columns`);
    else if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) reject("bad_code", "1–64 letters, digits, '.', '_' or '-'");
    else if (firstLine.has(code)) reject("duplicate_code", `${code} already on line ${firstLine.get(code)}`);
    else if (!cell("name") || !cell("address")) reject("missing_name_or_address");
    else if (!(VENUE_CATEGORIES as readonly string[]).includes(cell("category"))) reject("bad_category", cell("category"));
    else if (!(VENUE_STATUSES as readonly string[]).includes(status)) reject("bad_status", status);
    else if (!cell("lat") || !cell("lng") || !Number.isFinite(lat) || !Number.isFinite(lng)) reject("bad_coordinates", `${cell("lat")},${cell("lng")}`);
    else if (!inVietnam(lat, lng)) reject("coordinates_outside_vietnam", `${lat},${lng}`);
    else if (!knownWard(cell("ward_code"))) reject("unknown_ward", cell("ward_code"));
    else {
      firstLine.set(code, line);
      rows.push({
        line,
        code,
        name: cell("name"),
        address: cell("address"),
        category: cell("category") as VenueCategory,
        wardCode: cell("ward_code"),
        location: { lat, lng },
        status: status as VenueStatus,
        qrPayloads: cell("qr_payloads").split("|").map(normalisePayload).filter(Boolean),
      });
    }
  }
  return { rows, rejected };
}
