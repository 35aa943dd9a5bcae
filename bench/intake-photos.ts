import { signPayload } from "../services/registry/payload.js";
import { photograph, renderTestPoster } from "../tests/support/posters.js";

export type Scenario = "forged" | "elsewhere" | "foreign" | "unregistered";

export interface IntakePhoto {
  scenario: Scenario;
  bytes: Buffer;
  /** 12-megapixel originals go as files, as residents send them to keep full resolution. */
  asFile: boolean;
}

/**
 * Poster photos of the verdicts residents really send, none of which makes the bot ask
 * "are you sure?": a forged code, an official code far from its venue, a website, and a
 * check-in address no venue is registered under. Deterministic; a few distinct images
 * per kind are enough, the decoder does not cache.
 */
export async function makeIntakePhotos(signingKey: string, perKind = 2, largeShare = 0.15): Promise<IntakePhoto[]> {
  const payloads: Record<Scenario, (i: number) => string> = {
    forged: (i) => `VNQR1:HUE-000${1 + (i % 6)}:${"A".repeat(15)}${i % 10}`,
    elsewhere: () => signPayload("HUE-0001", signingKey),
    foreign: (i) => `https://quan-an-${i}.example.vn/thuc-don`,
    unregistered: (i) => `https://tokhaiyte.vn/?page=Checkin&venue=BENCH-${i}`,
  };
  const photos: IntakePhoto[] = [];
  for (const scenario of Object.keys(payloads) as Scenario[]) {
    for (let i = 0; i < perKind; i++) {
      const poster = await renderTestPoster({ payload: payloads[scenario](i), venueName: `Cơ sở thử tải ${i + 1}`, address: `${10 + i} Lê Lợi, Huế` });
      photos.push({ scenario, bytes: await photograph(poster, { rotateDeg: (i % 5) - 2, perspective: 0.05 * (i % 3) }), asFile: false });
    }
  }
  // Enough large originals that about `largeShare` of the reports carry one.
  const large = Math.max(1, Math.round((photos.length * largeShare) / (1 - largeShare)));
  for (let i = 0; i < large; i++) {
    const scenario = (Object.keys(payloads) as Scenario[])[i % 4]!;
    const poster = await renderTestPoster({ payload: payloads[scenario](i), venueName: `Cơ sở ảnh lớn ${i + 1}`, address: "1 Hùng Vương, Huế" });
    photos.push({ scenario, bytes: await photograph(poster, { width: 4032, height: 3024, posterFraction: 0.6 }), asFile: true });
  }
  return photos;
}
