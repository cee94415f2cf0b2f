// Bundles src/index.js plus socket.io-client into one minified file: dist/widget.js.
import { build } from "esbuild";

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
