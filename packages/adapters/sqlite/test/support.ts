import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Layer from "effect/Layer"
import { Entropy, Geography, Registrations, Tracks } from "@pleegzorg/core"
import type { SqliteStorage } from "@pleegzorg/sqlite"

/** A new empty directory under the system's temp directory, and a way to remove it. */
export const tempDirectory = (): { readonly path: string; readonly remove: () => void } => {
  const path = Fs.mkdtempSync(Path.join(Os.tmpdir(), "pleegzorg-sqlite-"))
  return { path, remove: () => Fs.rmSync(path, { recursive: true, force: true }) }
}

/** The services of core over a storage, wired as the storage contract does. */
export const services = <E>(
  storage: Layer.Layer<SqliteStorage.Services, E>
): Layer.Layer<
  | SqliteStorage.Services
  | Tracks.Tracks
  | Registrations.Registrations
  | Entropy.Entropy
  | Geography.Geography,
  E
> =>
  Layer.mergeAll(Tracks.Tracks.Default, Registrations.Registrations.Default).pipe(
    Layer.provideMerge(storage),
    Layer.provideMerge(Entropy.layerCrypto),
    Layer.provideMerge(Geography.Geography.Default)
  )
