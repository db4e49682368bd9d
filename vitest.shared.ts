import * as Path from "node:path"
import * as Url from "node:url"
import type { ViteUserConfig } from "vitest/config"

const root = Path.dirname(Url.fileURLToPath(import.meta.url))
const source = (path: string) => Path.join(root, "packages", path)

// Tests run against the sources of the workspace packages, not their builds.
// Exact matches, so that "@pleegzorg/core/testing" does not resolve as a
// path below "@pleegzorg/core".
const config: ViteUserConfig = {
  resolve: {
    alias: [
      { find: /^@pleegzorg\/core$/, replacement: source("core/src/index.ts") },
      { find: /^@pleegzorg\/core\/testing$/, replacement: source("core/src/testing/index.ts") },
      { find: /^@pleegzorg\/sql$/, replacement: source("adapters/sql/src/index.ts") },
      { find: /^@pleegzorg\/sqlite$/, replacement: source("adapters/sqlite/src/index.ts") },
      { find: /^@pleegzorg\/postgres$/, replacement: source("adapters/postgres/src/index.ts") },
      { find: /^@pleegzorg\/email$/, replacement: source("adapters/email/src/index.ts") },
      { find: /^@pleegzorg\/http$/, replacement: source("adapters/http/src/index.ts") }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000
  }
}

export default config
