import * as Behaviour from "./behaviour.js"
import * as Support from "./support.js"

Behaviour.run("in-memory SQLite without name transforms", Support.layer)
