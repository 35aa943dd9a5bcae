import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { exportVenues } from "../../services/registry/venue-export.js";
import { importVenues } from "../../services/registry/venue-import.js";
import { venueRef } from "../../services/registry/venue-ref.js";
import { renderOfficialPoster } from "../../services/registry/poster/render-poster.js";
import { posterTexts } from "../../services/registry/poster/poster-texts.js";
import { reportLinks } from "../../services/registry/report-link.js";
import { registrySigningKey } from "../../services/registry/signing-key.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";
import { loadTexts } from "../locales.js";
import { formatSummary } from "../print-summary.js";
import { readInput } from "../read-input.js";

export const venueCommands: CliCommand[] = [
  {
    group: "venues",
    name: "import",
    usage: "venues import <file.csv>",
    summary: "upsert venues by code from a UTF-8 CSV; bad rows are listed with their line",
    async run(args, ctx) {
      const { positionals } = parseCliArgs(args, {}, { min: 1, max: 1, usage: this.usage });
      const csv = await readInput(positionals[0]!);
      const directory = await ctx.directory();
      const summary = await importVenues((await ctx.stores()).venues, csv, (code) => directory.byCode(code) !== undefined);
      ctx.out.write(formatSummary("venues", summary));
    },
  },
  {
    group: "venues",
    name: "export",
    usage: "venues export [--out <file.csv>]",
    summary: "every venue as CSV, in the import's columns (stdout without --out)",
    async run(args, ctx) {
      const { values } = parseCliArgs(args, { out: { type: "string" } }, { min: 0, max: 0, usage: this.usage });
      const out = values.out ? createWriteStream(values.out) : ctx.out;
      const count = await exportVenues((await ctx.stores()).venues, out);
      if (values.out) ctx.out.write(`${count} venues written to ${values.out}\n`);
    },
  },
  {
    group: "venues",
    name: "poster",
    usage: "venues poster <code> --out <file.png|file.pdf>",
    summary: "render a venue's official A4 poster with its signed QR payload",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(args, { out: { type: "string" } }, { min: 1, max: 1, usage: this.usage });
      const format = values.out?.toLowerCase().match(/\.(png|pdf)$/)?.[1] as "png" | "pdf" | undefined;
      if (!values.out || !format) throw new CliUserError(`--out must name a .png or .pdf file\nusage: ${this.usage}`);
      const venue = await (await ctx.stores()).venues.byCode(positionals[0]!);
      if (!venue) throw new CliUserError(`no venue with code ${positionals[0]}`);
      const ward = (await ctx.directory()).byCode(venue.wardCode);
      if (!ward) throw new CliUserError(`venue ${venue.code} names ward ${venue.wardCode}, which is not in the directory`);
      const i18n = loadTexts();
      const signingKey = registrySigningKey(ctx.config, ctx.logger);
      const { bytes, payload } = await renderOfficialPoster(venueRef(venue), ward, { format, signingKey, texts: posterTexts(i18n), links: reportLinks(ctx.config) });
      await writeFile(values.out, bytes);
      ctx.out.write(`${values.out}: ${venue.code} ${venue.name} (${payload})\n`);
    },
  },
];
