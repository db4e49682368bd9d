import { defineConfig } from "tsup"
import { options } from "../../../tsup.shared.js"

export default defineConfig({ ...options, entry: ["src/index.ts"] })
