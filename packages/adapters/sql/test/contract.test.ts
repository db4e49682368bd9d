import { StorageContract } from "@pleegzorg/core/testing"
import * as Support from "./support.js"

StorageContract.run("sql over an in-memory SQLite client without name transforms", Support.layer)
