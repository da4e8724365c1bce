import { plainEntryLine } from '../../src/postmortem/entry-text';
import { slackText } from '../../src/slack/text/slack-text';
import { createRecorder } from '../../src/timeline/record';

/** The app's recorder with nobody listening: entries get the plain line the app keeps, and no webhook or count follows. */
export const plainRecorder = createRecorder({ line: plainEntryLine(slackText) });

/** For the repository suites, which test the store and not the words: every line empty. */
export const bareRecorder = createRecorder({ line: () => '' });
