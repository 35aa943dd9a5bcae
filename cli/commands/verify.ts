import { createCodeVerifier } from "../../services/registry/verify-code.js";
import { registrySigningKey } from "../../services/registry/signing-key.js";
import { parseCliArgs, parseLatLng } from "../args.js";
import type { CliCommand } from "../command.js";

export const verifyCommands: CliCommand[] = [
  {
    group: "",
    name: "verify",
    usage: "verify <decoded text> [--at <lat>,<lng>]",
    summary: "classify a decoded QR text: official, official_elsewhere, official_inactive, forged, unregistered or foreign",
    async run(args, ctx) {
      const { positionals, values } = parseCliArgs(args, { at: { type: "string" } }, { min: 1, max: 1, usage: this.usage });
      const at = values.at === undefined ? undefined : parseLatLng(...(values.at.split(",") as [string, string]));
      const verifier = createCodeVerifier({
        venues: (await ctx.stores()).venues,
        directory: await ctx.directory(),
        signingKey: registrySigningKey(ctx.config, ctx.logger),
        maxDistanceM: ctx.config.venueMaxDistanceM,
      });
      const r = await verifier.verifyCode(positionals[0]!, at);
      const venue = r.venue ? ` ${r.venue.code} "${r.venue.name}" (ward ${r.venue.wardCode}, ${r.venue.status})` : "";
      const extra = [r.reason, r.distanceM === undefined ? undefined : `${r.distanceM} m away`].filter(Boolean).join(", ");
      ctx.out.write(`${r.verdict}${venue}${extra ? ` — ${extra}` : ""}\n`);
    },
  },
];
