import { describe, expect, it } from "@effect/vitest"
import { StakeholderGroup } from "@pleegzorg/core"
import * as Option from "effect/Option"

describe("StakeholderGroup", () => {
  it("has the six groups of the dialogue, each with Dutch and English labels", () => {
    expect(StakeholderGroup.all.map((g) => g.group)).toEqual([
      "FosterParent",
      "FosterChild",
      "OwnChild",
      "Parent",
      "CareWorker",
      "PolicyMaker"
    ])
    expect(StakeholderGroup.StakeholderGroup.literals).toHaveLength(6)
    for (const info of StakeholderGroup.all) {
      expect(info.label.nl).not.toBe(info.label.en)
      expect(info.takesPartInDialogue).toBe(true)
    }
    expect(StakeholderGroup.describe("FosterChild").label.nl).toBe("pleegkinderen (14+)")
  })

  it("sets a minimum age of 14 for foster children and own children only", () => {
    const withAge = StakeholderGroup.all.filter((g) => Option.isSome(g.minimumAge)).map((g) => g.group)
    expect(withAge).toEqual(["FosterChild", "OwnChild"])
    expect(StakeholderGroup.describe("OwnChild").minimumAge).toEqual(Option.some(14))
    expect(StakeholderGroup.isYouthGroup("OwnChild")).toBe(true)
    expect(StakeholderGroup.isYouthGroup("Parent")).toBe(false)
  })

  it("sends every group a survey under one of the four audiences", () => {
    expect(StakeholderGroup.groupsOfAudience("FosterFamilies")).toEqual(["FosterParent", "FosterChild", "OwnChild"])
    expect(StakeholderGroup.groupsOfAudience("Parents")).toEqual(["Parent"])
    expect(StakeholderGroup.groupsOfAudience("CareWorkers")).toEqual(["CareWorker"])
    expect(StakeholderGroup.groupsOfAudience("PolicyMakers")).toEqual(["PolicyMaker"])
    expect(StakeholderGroup.audienceLabel("FosterFamilies")).toEqual({ nl: "pleeggezinnen", en: "foster families" })
  })

  it("places families where they live and professionals where they work", () => {
    const work = StakeholderGroup.all.filter((g) => g.locality === "work").map((g) => g.group)
    expect(work).toEqual(["CareWorker", "PolicyMaker"])
  })
})
