import { MemoryStorage } from "@pleegzorg/core"
import { StorageContract } from "@pleegzorg/core/testing"

StorageContract.run("memory", MemoryStorage.layer)
