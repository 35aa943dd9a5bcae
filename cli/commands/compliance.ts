import { writeFile } from "node:fs/promises";
import { CLI_OPERATOR } from "../../services/access/authorize.js";
import { complianceOf } from "../../services/registry/compliance.js";
import { complianceCsv } from "../../services/registry/compliance-csv.js";
import { compliancePdf } from "../../services/registry/compliance-pdf.js";
import { POSTER_FONTS } from "../../services/registry/poster/poster-pdf.js";
import { parseCliArgs } from "../args.js";
import { asOfDay } from "../as-of.js";
import { CliUserError, type CliCommand } from "../command.js";
import { loadTexts } from "../locales.js";

const USAGE = "compliance --province <code> [--as-of <YYYY-MM-DD>] [--silent-days <n>] [--format csv|pdf] [--out <file>]";

export const complianceCommands: CliCommand[] = [
  {
    group: "",
    name: "compliance",
    usage: USAGE,
    summary: "check-in compliance of a province by ward and category, with the weekly trend: CSV, or a one-page Vietnamese PDF",
    async run(args, ctx) {
      const { values } = parseCliArgs(
        args,
        { province: { type: "string" }, "as-of": { type: "string" }, "silent-days": { type: "string" }, format: { type: "string" }, out: { type: "string" } },
        { min: 0, max: 0, usage: USAGE },
      );
      if (!values.province) throw new CliUserError(`give --province\nusage: ${USAGE}`);
      const asOf = asOfDay(values["as-of"], ctx.clock);
      const silentDays = values["silent-days"] === undefined ? ctx.config.silentAfterDays : Number(values["silent-days"]);
      if (!Number.isInteger(silentDays) || silentDays < 1 || silentDays > 365) throw new CliUserError(`--silent-days expects a whole number of days from 1 to 365`);
      const format = values.format ?? "csv";
      if (format !== "csv" && format !== "pdf") throw new CliUserError(`--format is csv or pdf\nusage: ${USAGE}`);

      const result = await complianceOf(await ctx.stores(), CLI_OPERATOR, values.province, { asOf, silentDays });
      if (!result.ok) throw new CliUserError(result.reason === "unknown_province" ? `no ward in province ${values.province}` : `refused: ${result.reason}`);
      let bytes: string | Buffer;
      if (format === "csv") bytes = complianceCsv(result.report);
      else {
        const i18n = loadTexts();
        bytes = await compliancePdf(result.report, POSTER_FONTS, (key, a) => i18n.t("vi", key, a));
      }
      if (!values.out) return void ctx.out.write(bytes);
      await writeFile(values.out, bytes);
      ctx.out.write(`${values.out}: ${result.report.provinceName}, ${result.report.wards.length} wards, as of ${asOf}\n`);
    },
  },
];
