import { Activity, attendanceOf } from '../../domain/activity/activity';

/** An activity's attendance: the counts and each participant's record, no names. */
export function attendanceOfActivity(a: Activity) {
  return {
    activityId: a.activityId,
    ...attendanceOf(a),
    participants: a.participants.map((p) => ({
      memberId: p.memberId,
      organizationId: p.organizationId,
      status: p.status,
      walkIn: p.walkIn,
      checkedInAt: p.checkedInAt,
      checkedOutAt: p.checkedOutAt,
      volunteerHours: p.volunteerHours,
    })),
  };
}
