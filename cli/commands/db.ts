import { openConnection } from "../../platform/database.js";
import { copyDatabase, finishCopy, TargetNotEmptyError } from "../../services/database-copy/copy-database.js";
import { verifyCopy } from "../../services/database-copy/verify-copy.js";
import { parseCliArgs } from "../args.js";
import { CliUserError, type CliCommand } from "../command.js";

/** The target URI with a database name: the source's when the URI names none (what MONGODB_URI must then say). */
export function withDatabaseName(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(uri.trim());
  if (!m) throw new CliUserError(`not a MongoDB connection string: give one like mongodb://host:27017/qr-checkin`);
  const path = m[2] && m[2] !== "/" ? m[2] : `/${name}`;
  return `${m[1]}${path}${m[3] ?? ""}`;
}

/** Hides a password for the lines that echo the target. */
const masked = (uri: string) => uri.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");

export const dbCommands: CliCommand[] = [
  {
    group: "db",
    name: "copy",
    usage: "db copy --to <mongodb-uri> [--force] [--batch 500]",
    summary: "copy every collection and photo of this database to another MongoDB, verify it, print the MONGODB_URI to set",
    async run(args, ctx) {
      const { values } = parseCliArgs(args, { to: { type: "string" }, force: { type: "boolean" }, batch: { type: "string" } }, { min: 0, max: 0, usage: this.usage });
      if (!values.to) throw new CliUserError(`usage: ${this.usage}`);
      const batchSize = Number(values.batch ?? "500");
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new CliUserError(`--batch takes a whole number from 1 to 10000`);
      const source = await ctx.connection();
      const uri = withDatabaseName(values.to, source.db!.databaseName);
      const target = await openConnection(uri).catch((e: unknown) => {
        throw new CliUserError(`cannot reach ${masked(uri)}: ${(e as Error).message}`);
      });
      try {
        ctx.out.write(`copying database ${source.db!.databaseName} to ${masked(uri)} …\n`);
        const copied = await copyDatabase(source, target, {
          batchSize,
          force: values.force ?? false,
          onBatch: (p) => void ctx.out.write(`  ${p.collection.padEnd(24)} ${String(p.copied).padStart(8)} / ${p.total}\n`),
        }).catch((e: unknown) => {
          if (e instanceof TargetNotEmptyError) throw new CliUserError(`${e.message}; copy into an empty database, or add --force to delete what it holds first`);
          throw e;
        });
        ctx.out.write(`copied ${[...copied.values()].reduce((a, b) => a + b, 0)} documents in ${copied.size} collections; verifying …\n`);
        const check = await verifyCopy(source, target);
        for (const c of check.counts) ctx.out.write(`  ${c.collection.padEnd(24)} ${String(c.source).padStart(8)} → ${String(c.target).padStart(8)}${c.source === c.target ? "" : "  DIFFERENT"}\n`);
        ctx.out.write(`  photos: ${check.photos} compared by SHA-256, ${check.photoMismatches.length} different${check.photoMismatches.length ? `: ${check.photoMismatches.slice(0, 10).join(", ")}` : ""}\n`);
        if (!check.ok) throw new CliUserError("the copy differs from the source (were there writes during the copy?): stop the app and run the command again with --force");
        await finishCopy(target);
        ctx.out.write(`verified. Now set, in .env or the service's environment:\nMONGODB_URI=${uri}\nthen start the app (npm start); the embedded database's folder (DATA_DIR) can stay as a backup.\n`);
      } finally {
        await target.close();
      }
    },
  },
];
