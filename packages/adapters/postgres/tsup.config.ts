import { defineConfig } from "tsup"

// tsc -b emits the declarations into dist/; tsup only emits the JavaScript.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: false,
  dts: false,
  treeshake: true
})
