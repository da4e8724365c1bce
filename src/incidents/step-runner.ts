import type { Logger } from '../logger';
import { type StepProblem, toStepProblem } from './incidents.errors';

/**
 * Runs the Slack-side steps that follow a change, each on its own: one failing (a refresh, an
 * announcement) is recorded as a problem for the person and the log, and the rest still run.
 */
export function stepRunner(logger: Logger, incidentId: number, what: string) {
  const problems: StepProblem[] = [];
  return {
    problems,
    async attempt(step: string, work: () => Promise<unknown>): Promise<void> {
      try {
        await work();
      } catch (error) {
        const problem = toStepProblem(step, error);
        problems.push(problem);
        logger.warn({ incidentId, step, code: problem.code }, `${what} step failed`);
      }
    },
  };
}
