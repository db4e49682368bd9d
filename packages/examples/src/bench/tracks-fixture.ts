// What the benchmarks register for: open tracks far ahead, each with room for
// everyone (foster parents only), so that every sign-up is a confirmation.
const closed = { minimum: 0, maximum: 0 }

export const roomy = {
  groups: {
    FosterParent: { minimum: 0, maximum: 1000 },
    FosterChild: closed,
    OwnChild: closed,
    Parent: closed,
    CareWorker: closed,
    PolicyMaker: closed
  },
  maximum: 1000
}

const place = { name: "Nijmegen" }

export const openTrackInput = {
  template: "goede-gesprek",
  region: "JZ32",
  phase: "rollout",
  composition: roomy,
  sessions: [{ date: "2099-03-11", place }, { date: "2099-04-15", place }, { date: "2099-05-20", place }]
} as const
