/**
 * Attendance per session, and the overview per group.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { RegistrationId } from "./Registration.js"
import * as StakeholderGroup from "./StakeholderGroup.js"
import { SessionNumber, TrackId } from "./Track.js"

/**
 * Whether a confirmed person was at a session.
 *
 * @since 0.2.0
 * @category models
 */
export class AttendanceRecord extends Schema.Class<AttendanceRecord>("@pleegzorg/core/Attendance/AttendanceRecord")({
  trackId: TrackId,
  registrationId: RegistrationId,
  session: SessionNumber,
  present: Schema.Boolean,
  recordedAt: Schema.DateTimeUtc
}) {}

/**
 * What an organiser sends to record attendance.
 *
 * @since 0.2.0
 * @category models
 */
export const AttendanceInput = Schema.Struct({
  trackId: TrackId,
  session: SessionNumber,
  registrationId: RegistrationId,
  present: Schema.Boolean
}).annotations({ identifier: "AttendanceInput" })

/**
 * @since 0.2.0
 * @category models
 */
export type AttendanceInput = typeof AttendanceInput.Type

/**
 * Attendance of one group at one session. `confirmed` counts those
 * confirmed now and those with a record for the session who withdrew later.
 *
 * @since 0.2.0
 * @category models
 */
export class GroupAttendance extends Schema.Class<GroupAttendance>("@pleegzorg/core/Attendance/GroupAttendance")({
  group: StakeholderGroup.StakeholderGroup,
  confirmed: Schema.Int,
  present: Schema.Int,
  absent: Schema.Int,
  notRecorded: Schema.Int
}) {}

/**
 * Attendance at one session, per group.
 *
 * @since 0.2.0
 * @category models
 */
export class SessionAttendance extends Schema.Class<SessionAttendance>("@pleegzorg/core/Attendance/SessionAttendance")({
  session: SessionNumber,
  groups: Schema.Array(GroupAttendance),
  present: Schema.Int
}) {}

/**
 * Attendance of a track: every session, every group.
 *
 * @since 0.2.0
 * @category models
 */
export class Overview extends Schema.Class<Overview>("@pleegzorg/core/Attendance/Overview")({
  trackId: TrackId,
  sessions: Schema.Tuple(SessionAttendance, SessionAttendance, SessionAttendance)
}) {}
