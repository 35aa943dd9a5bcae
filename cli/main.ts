import { config } from "dotenv";
import { runCli } from "./run.js";

config({ quiet: true });
process.exitCode = await runCli(process.argv.slice(2), { env: process.env, out: process.stdout, err: process.stderr });
