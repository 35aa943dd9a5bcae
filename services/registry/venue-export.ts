import { csvStream } from "../../platform/csv.js";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { Venue, venueStore } from "../../models/venue.js";
import { VENUE_COLUMNS } from "./venue-csv.js";

function toRow(v: Venue): string[] {
  return [v.code, v.name, v.address, v.category, v.wardCode, String(v.location.lat), String(v.location.lng), v.status, v.qrPayloads.join("|")];
}

/** Writes every venue as CSV (UTF-8 with BOM, so spreadsheet programs read the diacritics), in the import's columns. */
export async function exportVenues(venues: Pick<ReturnType<typeof venueStore>, "each">, out: Writable): Promise<number> {
  let count = 0;
  async function* rows() {
    for await (const v of venues.each()) {
      count++;
      yield toRow(v);
    }
  }
  out.write("\uFEFF");
  await pipeline(Readable.from(rows()), csvStream({ header: true, columns: [...VENUE_COLUMNS] }), out);
  return count;
}
