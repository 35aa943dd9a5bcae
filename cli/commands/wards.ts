import { importWards } from "../../services/routing/ward-import.js";
import { fullName, type WardRef } from "../../services/routing/ward-ref.js";
import { parseCliArgs, parseLatLng } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";
import { formatSummary } from "../print-summary.js";
import { readTextInput } from "../read-input.js";

const line = (w: WardRef) => `${w.code}\t${fullName(w)}, ${w.provinceName}\n`;

export const wardCommands: CliCommand[] = [
  {
    group: "wards",
    name: "import",
    usage: "wards import <units.json> [boundaries.geojson …]",
    summary: "upsert administrative units by code, with boundaries per province",
    async run(args, ctx) {
      const { positionals } = parseCliArgs(args, {}, { min: 1, max: Infinity, usage: this.usage });
      const [units, ...boundaries] = await Promise.all(positionals.map(readTextInput));
      const summary = await importWards((await ctx.stores()).wards, units!, boundaries);
      ctx.out.write(formatSummary("wards", summary));
      const loaded = await (await ctx.directory()).refresh();
      ctx.out.write(`directory: ${loaded.wards} wards, ${loaded.boundaries} with a boundary\n`);
    },
  },
  {
    group: "wards",
    name: "locate",
    usage: "wards locate <lat> <lng>",
    summary: "the ward whose boundary contains the point, or unknown",
    async run(args, ctx) {
      // Negative numbers look like options to parseArgs, so the two positionals are read directly.
      if (args.length !== 2) throw new CliUserError(`usage: ${this.usage}`);
      const { lat, lng } = parseLatLng(args[0], args[1]);
      const ward = (await ctx.directory()).locate(lat, lng);
      ctx.out.write(ward ? line(ward) : "unknown\n");
    },
  },
  {
    group: "wards",
    name: "search",
    usage: "wards search <text> [--province <code>] [--limit <n>]",
    summary: "wards by name, forgiving missing diacritics and prefixes",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(
        args,
        { province: { type: "string" }, limit: { type: "string" } },
        { min: 1, max: Infinity, usage: this.usage },
      );
      const found = (await ctx.directory()).search(positionals.join(" "), {
        ...(values.province ? { provinceCode: values.province } : {}),
        limit: Number(values.limit ?? 10) || 10,
      });
      ctx.out.write(found.length > 0 ? found.map(line).join("") : "no ward matches\n");
    },
  },
];
