// What PostgreSQL keeps beside the rows: transaction ids (xmin) and the
// order of the heap. After a survey closes, neither may follow the order in
// which people answered, nor tie an answer to its invitation.
import { describe, expect, it } from "@effect/vitest"
import * as SqlClient from "@effect/sql/SqlClient"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { type DomainEvent, Entropy, Geography, Outbox, Storage, Surveys } from "@pleegzorg/core"
import { Fixtures } from "@pleegzorg/core/testing"
import { PostgresStorage } from "@pleegzorg/postgres"
import * as Support from "./support.js"

const Row = Schema.Struct({ id: Schema.String, xmin: Schema.String, position: Schema.Int })

describe.runIf(Support.available)("closing a survey on PostgreSQL", () => {
  it.live("gives every answer and invitation the one transaction id of closing, and lays the answers out in id order", () =>
    Effect.gen(function*() {
      const track = yield* Fixtures.track()
      yield* (yield* Storage.TrackRepository).insert(track)
      const surveys = yield* Surveys.Surveys
      const survey = yield* surveys.create({ trackId: track.id })
      yield* surveys.open(survey.id)
      yield* surveys.invite(survey.id, Array.from({ length: 30 }, (_, i) => ({ email: `gezin${i}@example.org`, audience: "FosterFamily" as const })))
      const entries = yield* (yield* Outbox.Outbox).claim({ now: DateTime.unsafeMake("2200-01-01T00:00:00Z"), limit: 100, lease: Duration.minutes(1) })
      const tokens = entries.map((e) => (e.event as DomainEvent.SurveyInvited).token)
      for (const token of tokens) yield* surveys.answer(token, { "gaat-goed": 3 })

      const sql = (yield* SqlClient.SqlClient).withoutTransforms()
      const rows = Schema.decodeUnknown(Schema.Array(Row))
      const before = yield* rows(
        yield* sql`SELECT id, xmin::text AS xmin, (ctid::text::point)[1]::int AS position FROM answers WHERE survey_id = ${survey.id}`
      )
      // while open, every answer has a transaction id of its own
      expect(new Set(before.map((r) => r.xmin)).size).toBe(30)

      yield* surveys.close(survey.id)
      const after = yield* rows(
        yield* sql`SELECT id, xmin::text AS xmin, (ctid::text::point)[1]::int AS position FROM answers WHERE survey_id = ${survey.id} ORDER BY ctid`
      )
      expect(after).toHaveLength(30)
      expect(new Set(after.map((r) => r.xmin)).size).toBe(1)
      expect(after.map((r) => r.id)).toEqual([...after.map((r) => r.id)].sort())
      // the invitations were rewritten by closing too (addresses erased): none
      // keeps the transaction id it shared with its answer
      const invitations = new Set(
        (yield* sql`SELECT xmin::text AS xmin FROM invitations WHERE survey_id = ${survey.id}`).map((r) => String(r["xmin"]))
      )
      expect(invitations).toEqual(new Set([after[0]!.xmin]))
      for (const row of before) expect(invitations.has(row.xmin)).toBe(false)
      // the counts and the report are untouched by the rewrite
      const report = yield* surveys.report(survey.id)
      expect(report.release.cells.find((c) => c.key === "all")!.respondents).toEqual({ _tag: "Shown", value: 30 })
    }).pipe(
      Effect.provide(
        Surveys.Surveys.Default.pipe(
          Layer.provideMerge(PostgresStorage.layer(Support.freshSchema())),
          Layer.provideMerge(Entropy.layerCrypto),
          Layer.provideMerge(Geography.Geography.Default)
        )
      ),
      Effect.provide(Entropy.layerCrypto)
    ))
})
