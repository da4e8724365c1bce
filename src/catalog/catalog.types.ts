/** A service the catalog knows (the `services:` policy key): what an incident can hurt. */
export interface Service {
  /** [a-z0-9-], unique: how alerts, commands and filters name it. */
  id: string;
  name: string;
  description: string;
  /** Who owns it: a Slack user group's members and these people are invited when it is hurt. */
  owners: { usergroup: string | null; users: string[] };
  /** The name of a rotation in `oncall`, whose primary is offered as commander and may be paged. */
  oncall: string | null;
  /** The owning team's channel, told (one short post) when an incident hits the service. */
  channel: string | null;
  runbook: string | null;
  dashboard: string | null;
  /** 1 is the most critical; null when not given. */
  tier: number | null;
  /** Ids of the services it depends on (no cycles). */
  dependsOn: string[];
  /** As a status-page component; null keeps it internal. */
  public: { name: string; group: string | null } | null;
}
