import { createHash } from "node:crypto";
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * The product's one font, DejaVu Sans, from npm (dejavu-fonts-ttf, under the Bitstream Vera
 * licence, which allows embedding and redistribution): it has every Vietnamese letter, and no
 * machine needs a font package installed.
 */
export const DEJAVU_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
export const DEJAVU = { regular: join(DEJAVU_DIR, "DejaVuSans.ttf"), bold: join(DEJAVU_DIR, "DejaVuSans-Bold.ttf") } as const;

/**
 * sharp draws SVG text through librsvg, which finds fonts through fontconfig; on a machine
 * without fonts every letter came out as an empty box. Importing this module, before sharp
 * draws any text, points fontconfig at a configuration that adds DejaVu from npm to the
 * system's own fonts (unless FONTCONFIG_FILE already names one).
 */
if (!process.env.FONTCONFIG_FILE) {
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${DEJAVU_DIR.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</dir>
  <cachedir prefix="xdg">fontconfig</cachedir>
</fontconfig>
`;
  const file = join(tmpdir(), `qr-checkin-fonts-${createHash("sha256").update(conf).digest("hex").slice(0, 12)}.conf`);
  if (!existsSync(file)) {
    // Written aside and renamed: processes starting at once never read half a file.
    writeFileSync(`${file}.${process.pid}`, conf);
    renameSync(`${file}.${process.pid}`, file);
  }
  process.env.FONTCONFIG_FILE = file;
}
