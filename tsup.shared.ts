import type { Options } from "tsup"

// Every published package builds the same way: tsc -b emits the declarations
// into dist/, tsup only emits the JavaScript (ESM for Node 20).
export const options: Options = {
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: false,
  dts: false,
  treeshake: true
}
