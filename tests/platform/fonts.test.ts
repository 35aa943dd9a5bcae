import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEJAVU, DEJAVU_DIR } from "../../platform/fonts.js";

describe("the product's font, from npm", () => {
  it("is DejaVu Sans, regular and bold, and fontconfig (so sharp's SVG text) is pointed at it", () => {
    expect(existsSync(DEJAVU.regular) && existsSync(DEJAVU.bold)).toBe(true);
    const conf = readFileSync(process.env.FONTCONFIG_FILE!, "utf8");
    expect(conf).toContain(`<dir>${DEJAVU_DIR}</dir>`);
    expect(conf).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
  });
});
