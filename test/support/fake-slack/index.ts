export { FakeSlack, DEFAULT_TOKEN, DEFAULT_APP_TOKEN } from './fake-slack';
export type { SocketModeSide } from './socket-mode';
export type { Envelope, EnvelopeOutcome, EnvelopeType, SocketModeOptions } from './socket-mode.types';
export type {
  Bookmark,
  Channel,
  Ephemeral,
  Fault,
  FakeSlackOptions,
  HomeView,
  Message,
  RecordedCall,
  ResponseUrlPost,
  Upload,
  User,
  View,
} from './types';
export { validateBlocks, type Surface } from './validate-blocks';
export { validateView, viewTooLarge } from './validate-view';
export { channelNameError } from './channel-name';
export type { RateLimited, RateLimitOptions } from './rate-limits';
export { checkOptionsAnswer } from './validate-elements';
