import { runAccuracy } from "./qr-accuracy.js";
import { runThroughput } from "./qr-throughput.js";

/**
 * npm run bench:qr -- <dataset-dir> [--json]
 * npm run bench:qr -- --throughput [--photos N] [--threads N]
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

if (flag("--throughput")) {
  await runThroughput({ photos: Number(value("--photos") ?? 200), threads: value("--threads") ? Number(value("--threads")) : undefined });
} else {
  const root = args.find((arg, i) => !arg.startsWith("--") && !["--photos", "--threads"].includes(args[i - 1] ?? ""));
  if (!root) {
    console.error("usage: npm run bench:qr -- <dataset-dir> [--json] | --throughput [--photos N] [--threads N]");
    process.exit(2);
  }
  await runAccuracy(root, flag("--json"));
}
