import sharp, { type OverlayOptions } from "sharp";

export interface SceneOptions {
  width: number;
  height: number;
  /** Poster height as a fraction of the photo's height. */
  posterFraction: number;
  rotateDeg: number;
  /** Out of focus (a photo nobody can read). */
  blurSigma?: number;
  /** Where the phone says it was, written as EXIF GPS like a phone camera does. */
  gps?: { lat: number; lng: number };
}

/** A shop front: tiled wall, a door frame and a step, the light from the street. */
function shopFrontSvg(width: number, height: number): string {
  const tile = Math.round(width / 24);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><pattern id="t" width="${tile}" height="${tile}" patternUnits="userSpaceOnUse">
    <rect width="${tile}" height="${tile}" fill="#e9dfc9"/><path d="M0 0H${tile}V${tile}" fill="none" stroke="#cbbd9f" stroke-width="${Math.max(1, tile / 20)}"/></pattern>
  <linearGradient id="l" x1="0" y1="0" x2="1" y2="0.4"><stop offset="0" stop-color="#fff" stop-opacity="0.25"/><stop offset="1" stop-color="#000" stop-opacity="0.3"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#t)"/>
  <rect x="${width * 0.66}" y="${height * 0.08}" width="${width * 0.3}" height="${height * 0.84}" fill="#5b3b22"/>
  <rect x="${width * 0.68}" y="${height * 0.11}" width="${width * 0.26}" height="${height * 0.78}" fill="#2d3b45"/>
  <rect y="${height * 0.92}" width="100%" height="${height * 0.08}" fill="#8d8a84"/>
  <rect width="100%" height="100%" fill="url(#l)"/>
</svg>`;
}

const dms = (deg: number) => {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
};

/** A JPEG "phone photo" of a poster on a shop front, or of the shop front alone. */
export async function photographPoster(poster: Buffer | undefined, o: SceneOptions): Promise<Buffer> {
  const layers: OverlayOptions[] = [];
  if (poster) {
    const h = Math.round(o.height * o.posterFraction);
    const turned = await sharp(poster).resize({ height: h }).rotate(o.rotateDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
    const meta = await sharp(turned).metadata();
    layers.push({ input: turned, left: Math.round(o.width * 0.33 - meta.width / 2), top: Math.round((o.height - meta.height) / 2) });
  }
  let image = sharp(await sharp(Buffer.from(shopFrontSvg(o.width, o.height))).composite(layers).png({ compressionLevel: 1 }).toBuffer());
  if (o.blurSigma) image = image.blur(o.blurSigma);
  if (o.gps) {
    image = image.withExif({
      IFD0: { Make: "Samsung", Model: "Galaxy A54" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: dms(o.gps.lat), GPSLongitudeRef: "E", GPSLongitude: dms(o.gps.lng) },
    });
  }
  return image.jpeg({ quality: 84 }).toBuffer();
}
