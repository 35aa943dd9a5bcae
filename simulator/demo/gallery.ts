import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { keyRing, signPayload, type KeyRing } from "../../services/registry/payload.js";
import { posterLayout } from "../../services/registry/poster/poster-layout.js";
import type { ReportLinks } from "../../services/registry/report-link.js";
import { posterPng } from "../../services/registry/poster/poster-png.js";
import type { PosterTexts } from "../../services/registry/poster/poster-texts.js";
import type { WardRef } from "../../services/routing/ward-ref.js";
import { DEMO_VENUES } from "./demo-world.js";
import { photographPoster, type SceneOptions } from "./photo-scene.js";

/** One photo the page offers to send; `key` names its title in locales (sim-photo-<key>). */
export interface GalleryPhoto {
  key: string;
  file: string;
  megapixels: number;
}

interface Recipe {
  key: string;
  /** The QR text on the poster in the photo; none for a shop front without a poster. */
  payload?: (signingKey: KeyRing) => string;
  venue?: string;
  scene: Partial<SceneOptions>;
}

const venue = (code: string) => DEMO_VENUES.find((v) => v.code === code)!;
const PHONE = { width: 1600, height: 1200 };
const TWELVE_MP = { width: 4032, height: 3024 };
const at = (code: string) => ({ lat: venue(code).lat, lng: venue(code).lng });

/** Every registry verdict, a photo nobody can read and one with no poster at all. */
const RECIPES: Recipe[] = [
  { key: "official", venue: "HUE-0101", payload: (k) => signPayload("HUE-0101", k), scene: { ...TWELVE_MP, gps: at("HUE-0101"), rotateDeg: 3 } },
  { key: "other-venue", venue: "HUE-0201", payload: (k) => signPayload("HUE-0201", k), scene: { rotateDeg: -4 } },
  { key: "official-12mp", venue: "HUE-0301", payload: (k) => signPayload("HUE-0301", k), scene: { ...TWELVE_MP, gps: at("HUE-0301"), rotateDeg: -2 } },
  { key: "suspended", venue: "HUE-0104", payload: (k) => signPayload("HUE-0104", k), scene: { rotateDeg: 2 } },
  { key: "closed", venue: "HUE-0203", payload: (k) => signPayload("HUE-0203", k), scene: { rotateDeg: -3 } },
  { key: "forged", venue: "HUE-0202", payload: (k) => `${signPayload("HUE-0202", k).slice(0, -4)}AAAA`, scene: { rotateDeg: 5 } },
  { key: "old-payload", venue: "HUE-0101", payload: () => venue("HUE-0101").oldPayloads![0]!, scene: { rotateDeg: -1 } },
  { key: "unregistered", venue: "HUE-0502", payload: () => "https://tokhaiyte.vn/?page=Checkin&venue=KL-7781", scene: { rotateDeg: 4 } },
  { key: "payment", venue: "HUE-0102", payload: () => "00020101021138570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304AB12", scene: { rotateDeg: -2 } },
  { key: "damaged", venue: "HUE-0204", payload: (k) => signPayload("HUE-0204", k), scene: { blurSigma: 14, rotateDeg: 8 } },
  { key: "no-poster", scene: { ...TWELVE_MP, gps: at("HUE-0402") } },
];

/**
 * The gallery's photos, made once per signing key into `dir` (a 12-megapixel photo takes
 * about a second) and read from there afterwards.
 */
export async function prepareGallery(dir: string, signingKey: KeyRing, links: ReportLinks, wardOf: (code: string) => WardRef, texts: PosterTexts): Promise<GalleryPhoto[]> {
  await mkdir(dir, { recursive: true });
  const version = createHash("sha256").update(`gallery v1:${JSON.stringify(keyRing(signingKey).current)}:${JSON.stringify(links)}`).digest("hex").slice(0, 10);
  const photos: GalleryPhoto[] = [];
  for (const r of RECIPES) {
    const scene: SceneOptions = { ...PHONE, posterFraction: 0.8, rotateDeg: 0, ...r.scene };
    const file = join(dir, `${r.key}-${version}.jpg`);
    const exists = await readFile(file).then(() => true, () => false);
    if (!exists) {
      let poster: Buffer | undefined;
      if (r.payload && r.venue) {
        const v = venue(r.venue);
        poster = await posterPng(posterLayout({ venue: v, ward: wardOf(v.wardCode), payload: r.payload(signingKey), issuedAt: new Date(Date.UTC(2021, 8, 15)), texts, links }));
      }
      await writeFile(file, await photographPoster(poster, scene));
    }
    photos.push({ key: r.key, file, megapixels: Math.round((scene.width * scene.height) / 1e6) });
  }
  return photos;
}
