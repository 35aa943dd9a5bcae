import { createHash } from "node:crypto";
import exifr from "exifr";
import { sniffFormat } from "../qr/sniff-format.js";

export interface ExifFacts {
  /** DateTimeOriginal as ISO 8601; with the offset when the camera wrote one, else camera-local time. */
  takenAt?: string;
  gps?: { lat: number; lng: number; accuracyM?: number };
  make?: string;
  model?: string;
  software?: string;
}

export interface EvidenceFacts {
  /** SHA-256 of the bytes exactly as received, hex. */
  sha256: string;
  size: number;
  mime: string;
  exif: ExifFacts;
}

/** The facts an officer or a court needs about an uploaded photo, as plain JSON-safe data. */
export async function evidenceFacts(bytes: Uint8Array): Promise<EvidenceFacts> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    sha256: createHash("sha256").update(buffer).digest("hex"),
    size: buffer.length,
    mime: mimeOf(buffer),
    exif: await exifFacts(buffer),
  };
}

function mimeOf(bytes: Buffer): string {
  try {
    return `image/${sniffFormat(bytes)}`;
  } catch {
    return "application/octet-stream";
  }
}

type RawExif = Partial<Record<string, unknown>> & { latitude?: number; longitude?: number };

async function exifFacts(bytes: Buffer): Promise<ExifFacts> {
  // Raw values: exifr would otherwise revive DateTimeOriginal in this server's time zone.
  const raw = (await exifr
    .parse(bytes, { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false })
    .catch(() => undefined)) as RawExif | undefined;
  if (!raw) return {};
  const facts: ExifFacts = {};
  const takenAt = isoTime(raw.DateTimeOriginal, raw.OffsetTimeOriginal);
  if (takenAt) facts.takenAt = takenAt;
  if (isCoordinate(raw.latitude, 90) && isCoordinate(raw.longitude, 180)) {
    facts.gps = { lat: raw.latitude, lng: raw.longitude };
    const accuracy = raw.GPSHPositioningError;
    if (typeof accuracy === "number" && Number.isFinite(accuracy) && accuracy >= 0) facts.gps.accuracyM = accuracy;
  }
  for (const [key, tag] of [["make", "Make"], ["model", "Model"], ["software", "Software"]] as const) {
    const value = raw[tag];
    if (typeof value === "string" && value.trim()) facts[key] = value.trim();
  }
  return facts;
}

function isoTime(value: unknown, offset: unknown): string | undefined {
  const match = typeof value === "string" ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const zone = typeof offset === "string" && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : "";
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`;
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit;
}
