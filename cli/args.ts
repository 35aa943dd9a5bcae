import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliUserError } from "./command.js";

/** node:util parseArgs, with its complaints turned into user errors (exit code 1). */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O, positionals: { min: number; max: number; usage: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliUserError(`${(e as Error).message}\nusage: ${positionals.usage}`);
  }
  if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
    throw new CliUserError(`usage: ${positionals.usage}`);
  }
  return parsed;
}

export function parseLatLng(lat: string | undefined, lng: string | undefined): { lat: number; lng: number } {
  const p = { lat: Number(lat), lng: Number(lng) };
  if (!lat || !lng || !Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
    throw new CliUserError(`not a latitude and longitude: ${lat ?? ""} ${lng ?? ""}`);
  }
  return p;
}
