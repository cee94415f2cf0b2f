// Bundles src/index.js plus socket.io-client into one minified file: dist/widget.js.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { build } from "esbuild";

// Labels come from the contract module; regenerate them when the project's Python is
// there (the committed src/contract-labels.json is used otherwise, and a test keeps it
// equal to the contract).
const root = new URL("../..", import.meta.url).pathname;
const python = `${root}.venv/bin/python`;
if (existsSync(python)) {
  execFileSync(python, ["-m", "contract.export", "web/widget/src/contract-labels.json"], {
    cwd: root,
    env: { ...process.env, PYTHONPATH: "." },
    stdio: "inherit",
  });
}

const dev = process.argv.includes("--dev");

await build({
  entryPoints: ["src/index.js"],
  bundle: true,
  minify: !dev,
  sourcemap: dev ? "inline" : false,
  format: "iife",
  target: ["es2019"],
  outfile: "dist/widget.js",
  legalComments: "eof",
  // socket.io-client's debug logging is dead weight in the browser bundle.
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "info",
});
