/** Every callback_id, action_id and block_id the app emits, in one place (listeners match on them). */
export const COMMAND = '/incident';

export const CALLBACK = {
  declare: 'declare_incident',
  update: 'post_update',
  resolve: 'resolve_incident',
  addToTimeline: 'add_to_timeline',
  pickIncident: 'timeline_pick_incident',
  assignRole: 'assign_role',
  keyTimes: 'key_times',
  editEntry: 'edit_timeline_entry',
  record: 'record_incident',
  publish: 'statuspage_publish',
  maintenance: 'statuspage_maintenance',
  handoffNotes: 'handoff_notes',
} as const;

export const ACTION = {
  openUpdate: 'incident_open_update',
  openResolve: 'incident_open_resolve',
  openAssign: 'incident_open_assign',
  reminderUpdate: 'reminder_post_update',
  reminderSnooze: 'reminder_snooze',
  reminderOpenChannel: 'reminder_open_channel',
  acknowledge: 'incident_acknowledge',
  homeDeclare: 'home_declare_incident',
  alertDeclare: 'alert_declare_incident',
  openKeyTimes: 'incident_open_key_times',
  entryMenu: 'timeline_entry_menu',
  postmortemStep: 'postmortem_step_done',
  followupDone: 'followup_done',
  followupSnooze: 'followup_snooze',
  followupCreateIssue: 'followup_create_issue',
  openPublish: 'statuspage_open_publish',
  maintenanceCancel: 'maintenance_cancel',
  maintenanceEnd: 'maintenance_end_now',
  checklistTick: 'checklist_tick',
  handoffNotes: 'handoff_add_notes',
  follow: 'incident_follow',
  unfollow: 'incident_unfollow',
  unsubscribe: 'follow_unsubscribe',
} as const;

/** Input blocks; each holds one element whose action_id is INPUT_ACTION. */
export const FIELD = {
  title: 'title',
  severity: 'severity',
  impact: 'impact',
  commander: 'commander',
  status: 'status',
  summary: 'summary',
  nextSteps: 'next_steps',
  resolution: 'resolution',
  rootCause: 'root_cause',
  incident: 'incident',
  visibility: 'visibility',
  role: 'role',
  person: 'person',
  pmSummary: 'pm_summary',
  usersAffected: 'users_affected',
  entryTime: 'entry_time',
  entryText: 'entry_text',
  type: 'incident_type',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  createChannel: 'create_channel',
  services: 'services',
  publish: 'statuspage_publish',
  publicName: 'public_name',
  publicStatus: 'public_status',
  publicMessage: 'public_message',
  components: 'components',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  message: 'message',
  handoffNotes: 'handoff_notes',
} as const;

/** The value of the update and resolve forms' "Publish to status page" tick box. */
export const PUBLISH_OPTION = 'publish';

/** Each affected public component's status select is the block `component:<id>`. */
export const COMPONENT_FIELD = 'component:';

/** The value of the declare modal's "private incident" tick box. */
export const PRIVATE_OPTION = 'private';

/** The value of the record modal's "create a channel" tick box. */
export const CHANNEL_OPTION = 'channel';

export const INPUT_ACTION = 'value';
