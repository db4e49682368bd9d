import * as Path from "node:path"
import * as Url from "node:url"
import type { ViteUserConfig } from "vitest/config"

const root = Path.dirname(Url.fileURLToPath(import.meta.url))

// Tests run against the sources of the workspace packages, not their builds.
const config: ViteUserConfig = {
  resolve: {
    alias: {
      "@pleegzorg/core": Path.join(root, "packages/core/src/index.ts")
    }
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000
  }
}

export default config
