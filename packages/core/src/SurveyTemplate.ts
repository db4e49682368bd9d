/**
 * The default questionnaires: short, in plain Dutch (B1) with English
 * beside it, around what the pilots talked about — what goes well and what
 * could be better in foster care in the region, cooperation between foster
 * parents and parents, overload of foster parents, the impact on own
 * children, and support from the foster-care provider. A region adapts
 * them (`Surveys.adapt`) before opening.
 *
 * Questions that several audiences get have the same id, so their answers
 * are counted together. Nothing asks for a name, age, address or role
 * within the family: small groups would make those identifying.
 *
 * @since 0.3.0
 */
import * as Survey from "./Survey.js"

const likert = (id: string, nl: string, en: string) => new Survey.Likert({ id, text: { nl, en }, required: false })

const goesWell = likert(
  "gaat-goed",
  "Pleegzorg in onze regio gaat over het algemeen goed.",
  "Overall, foster care in our region goes well."
)
const cooperation = likert(
  "samenwerking-ouders",
  "Pleegouders en ouders werken goed samen.",
  "Foster parents and parents work well together."
)
const overload = likert(
  "overbelasting",
  "Pleegouders krijgen te veel op hun bord.",
  "Foster parents have too much on their plate."
)
const ownChildren = likert(
  "eigen-kinderen",
  "Er is genoeg aandacht voor de eigen kinderen in pleeggezinnen.",
  "The own children in foster families get enough attention."
)
const support = likert(
  "steun-pleegzorg",
  "De pleegzorgaanbieder steunt pleeggezinnen goed.",
  "The foster-care provider supports foster families well."
)
const means = likert(
  "tijd-en-geld",
  "Er is genoeg tijd en geld om pleeggezinnen goed te steunen.",
  "There is enough time and money to support foster families well."
)
const years = new Survey.NumberQuestion({
  id: "jaren-betrokken",
  text: {
    nl: "Hoeveel jaar heb je al met pleegzorg te maken? (0 als het minder dan een jaar is)",
    en: "For how many years have you been involved in foster care? (0 if less than a year)"
  },
  required: false,
  min: 0,
  max: 40
})
const topics = new Survey.MultipleChoice({
  id: "onderwerpen",
  text: {
    nl: "Waarover wil je praten in de tweede bijeenkomst? Je mag meer dan één antwoord kiezen.",
    en: "What would you like to talk about in the second session? You may choose more than one answer."
  },
  required: false,
  options: [
    { nl: "Samenwerking tussen pleegouders en ouders", en: "Cooperation between foster parents and parents" },
    { nl: "Pleegouders die te veel op hun bord krijgen", en: "Foster parents having too much on their plate" },
    { nl: "De eigen kinderen in pleeggezinnen", en: "The own children in foster families" },
    { nl: "Steun van de pleegzorgaanbieder", en: "Support from the foster-care provider" },
    { nl: "Contact met school, zorg en gemeente", en: "Contact with school, care and the municipality" },
    { nl: "Iets anders", en: "Something else" }
  ]
})
const openWell = new Survey.FreeText({
  id: "wat-gaat-goed",
  text: { nl: "Wat gaat er goed in pleegzorg in onze regio?", en: "What goes well in foster care in our region?" },
  required: false,
  maxLength: 1000
})
const openBetter = new Survey.FreeText({
  id: "wat-kan-beter",
  text: { nl: "Wat kan er beter? En hoe?", en: "What could be better? And how?" },
  required: false,
  maxLength: 1000
})

const introduction = {
  nl: "Deze vragenlijst is anoniem. We bewaren niet wie wat antwoordde. Je antwoorden tellen we op met die van anderen, en we laten alleen cijfers zien van groepen die groot genoeg zijn. Schrijf geen namen of andere dingen waaraan iemand te herkennen is. Alle vragen mag je overslaan.",
  en: "This survey is anonymous. We do not keep who answered what. Your answers are added up with those of others, and we only show figures of groups that are large enough. Do not write names or anything else by which someone could be recognised. You may skip any question."
}

/**
 * The default questionnaire of every audience.
 *
 * @since 0.3.0
 * @category templates
 */
export const defaults: ReadonlyArray<Survey.Questionnaire> = [
  new Survey.Questionnaire({
    audience: "FosterFamily",
    introduction,
    questions: [goesWell, cooperation, overload, ownChildren, support, years, topics, openWell, openBetter]
  }),
  new Survey.Questionnaire({
    audience: "Parent",
    introduction,
    questions: [goesWell, cooperation, support, years, topics, openWell, openBetter]
  }),
  new Survey.Questionnaire({
    audience: "CareWorker",
    introduction,
    questions: [goesWell, cooperation, overload, ownChildren, support, means, years, topics, openWell, openBetter]
  }),
  new Survey.Questionnaire({
    audience: "PolicyMaker",
    introduction,
    questions: [goesWell, cooperation, overload, ownChildren, support, means, topics, openWell, openBetter]
  })
]
