// The usage example of the README, kept here so that the type check and
// `pnpm --filter @pleegzorg/examples quickstart` prove it runs.
import { Eligibility, Geography } from "@pleegzorg/core"
import { Effect, Either } from "effect"

const nl = Geography.nl2024()

// Look-ups return an Either whose error names the value.
const region = Either.getOrThrow(nl.regionOfMunicipality("Mook en Middelaar"))
console.log(region.code, region.name) // JZ32 Rijk van Nijmegen
console.log(nl.search("west brabant oost")[0]?._tag) // Region

// Eligibility decodes outside input and decides; every reason comes back.
const decision = await Eligibility.check({
  person: { group: "FosterChild", municipality: "GM0268", birthDate: "2009-06-10" },
  track: { region: "JZ32", firstSessionStart: "2022-11-17T15:00:00Z" }
}).pipe(Effect.provide(Geography.Geography.Default), Effect.runPromise)

for (const text of Eligibility.explain(decision)) console.log(text.nl, "/", text.en)
// Je kunt niet meedoen aan dit traject. / You cannot take part in this track.
// De eerste bijeenkomst is op 17 november 2022. Dan ben je 13 jaar. Je kunt meedoen als je 14 jaar of ouder bent. / ...
