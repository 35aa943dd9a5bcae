import { stringify as streamStringify, type Input, type Options, type Stringifier } from "csv-stringify";
import { stringify as syncStringify } from "csv-stringify/sync";

/**
 * Every CSV the product writes goes through here. A cell a person may open in a spreadsheet
 * must never run as a formula: residents type addresses and notes, partners file reports,
 * keepers import venue names, and `=HYPERLINK(…)` in any of them would run in an officer's
 * spreadsheet. csv-stringify's `escape_formulas` prefixes a `'` to text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return (numbers such as -12.5 stay numbers).
 */
const SAFE = { escape_formulas: true } as const satisfies Options;

/** The rows as one CSV text (header from `columns` when given). */
export function csvText(rows: Input, options: Omit<Options, "escape_formulas"> = {}): string {
  return syncStringify(rows, { ...options, ...SAFE });
}

/** A streaming writer for long exports (the CLI's venue export). */
export function csvStream(options: Omit<Options, "escape_formulas"> = {}): Stringifier {
  return streamStringify({ ...options, ...SAFE });
}
