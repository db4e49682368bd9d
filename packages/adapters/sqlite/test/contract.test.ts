import * as Path from "node:path"
import { afterAll } from "@effect/vitest"
import { StorageContract } from "@pleegzorg/core/testing"
import { SqliteStorage } from "@pleegzorg/sqlite"
import * as Support from "./support.js"

const directory = Support.tempDirectory()
afterAll(() => directory.remove())

StorageContract.run("sqlite file", SqliteStorage.layer({ filename: Path.join(directory.path, "contract.db") }))
