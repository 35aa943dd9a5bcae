import { parse } from "csv-parse/sync";
import { ImportInputError } from "./import-report.js";

/** UTF-8 with or without BOM; anything else (UTF-16, Windows-1258, Latin-1) is refused whole. */
export function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportInputError("not_utf8", "the file is UTF-16; save it as UTF-8 (CSV UTF-8)");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportInputError("not_utf8", "the file is not UTF-8 (Vietnamese text in another encoding?); save it as CSV UTF-8");
  }
}

/** Every record with the line it ends on; a file csv-parse cannot read is refused whole. */
export function parseRecords(text: string): { record: string[]; info: { lines: number } }[] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as ReturnType<typeof parseRecords>;
  } catch (e) {
    throw new ImportInputError("bad_csv", `not a readable CSV file: ${(e as Error).message}`);
  }
}
