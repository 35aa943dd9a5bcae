import { createWriteStream } from "node:fs";
import type { Ticket } from "../../models/ticket.js";
import { collectEvidencePack } from "../../services/evidence-export/evidence-pack.js";
import { writeEvidenceZip } from "../../services/evidence-export/write-zip.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

const USAGE = "export <ticket number> | --ward <code> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <file.zip>";

function day(s: string | undefined, name: string): Date {
  const d = new Date(`${s ?? ""}T00:00:00+07:00`);
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime())) throw new CliUserError(`--${name} expects a date like 2026-11-23\nusage: ${USAGE}`);
  return d;
}

export const exportCommands: CliCommand[] = [
  {
    group: "",
    name: "export",
    usage: USAGE,
    summary: "write the evidence pack (original photos, evidence.json, Vietnamese summary) of one ticket or a ward's period as a zip",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(
        args,
        { ward: { type: "string" }, from: { type: "string" }, to: { type: "string" }, out: { type: "string" } },
        { min: 0, max: 1, usage: USAGE },
      );
      if (!values.out) throw new CliUserError(`--out is required\nusage: ${USAGE}`);
      const stores = await ctx.stores();
      let tickets: Ticket[];
      if (positionals[0] && !values.ward) {
        const t = await stores.tickets.byNumber(positionals[0]);
        if (!t) throw new CliUserError(`no ticket ${positionals[0]}`);
        tickets = [t];
      } else if (values.ward && !positionals[0]) {
        // --to names the last day included (Vietnam time).
        const to = new Date(day(values.to, "to").getTime() + 24 * 3600e3);
        tickets = await stores.tickets.ofWardBetween(values.ward, day(values.from, "from"), to);
      } else {
        throw new CliUserError(`usage: ${USAGE}`);
      }
      const packs = [];
      for (const t of tickets) packs.push(await collectEvidencePack(stores, t));
      await writeEvidenceZip(packs, createWriteStream(values.out));
      await stores.audit.append({ at: ctx.clock(), actorRole: "admin", actorId: "cli", action: "export", subjectKind: "evidence", subjectId: values.out, note: tickets.map((t) => t.number).join(",") });
      ctx.out.write(`${values.out}: ${packs.length} ticket(s), ${packs.reduce((n, p) => n + p.photos.length, 0)} photo(s)\n`);
    },
  },
];
