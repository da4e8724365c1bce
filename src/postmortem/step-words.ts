/** What each step of a postmortem is, as a sentence once done; shared by every surface. */
export const STEP_DONE: Record<string, string> = {
  report: 'Postmortem report written',
  draft: 'Postmortem draft shared for review',
  meeting: 'Postmortem meeting held',
  actions: 'Postmortem action items tracked',
};

export const stepDoneText = (step: string) => STEP_DONE[step] ?? `Postmortem step "${step}" done`;
