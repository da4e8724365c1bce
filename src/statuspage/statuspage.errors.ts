export type StatusPageErrorCode =
  | 'incident_not_found'
  | 'private_incident'
  | 'drill'
  | 'not_allowed'
  | 'unknown_component'
  | 'no_name'
  | 'empty_message'
  | 'invalid_window'
  | 'maintenance_not_found'
  | 'maintenance_over'
  | 'page_off'
  | 'no_components';

/** Errors the status page's use-cases raise on purpose: a stable code and a plain sentence naming no chat platform. */
export class StatusPageError extends Error {
  constructor(
    readonly code: StatusPageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatusPageError';
  }
}
