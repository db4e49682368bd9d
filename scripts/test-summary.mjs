// Prints one closing line for the whole test run from vitest's JSON report:
// "Tests: N passed, N failed". Exits non-zero when no test ran.
import * as Fs from "node:fs"

const file = "build/test-results.json"
if (!Fs.existsSync(file)) {
  console.error(`${file} not found: the unit tests did not run`)
  process.exit(1)
}
const report = JSON.parse(Fs.readFileSync(file, "utf8"))
const skipped = report.numPendingTests + report.numTodoTests
console.log(
  `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`
)
process.exit(report.numTotalTests > 0 && report.numFailedTests === 0 ? 0 : 1)
