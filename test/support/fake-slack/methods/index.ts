import { authMethods } from './auth';
import { bookmarkMethods } from './bookmarks';
import { chatMethods } from './chat';
import { conversationPeopleMethods } from './conversations-people';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import type { Method } from './method';
import { pinAndReactionMethods } from './pins-reactions';
import { userConversationMethods } from './user-conversations';
import { usergroupMethods } from './usergroups';
import { userMethods } from './users';
import { viewMethods } from './views';

/** Every Web API method the fake knows, by name; anything else is `unknown_method`. */
export const METHODS: Readonly<Record<string, Method>> = {
  ...authMethods,
  ...bookmarkMethods,
  ...chatMethods,
  ...conversationMethods,
  ...conversationPeopleMethods,
  ...fileMethods,
  ...pinAndReactionMethods,
  ...userMethods,
  ...userConversationMethods,
  ...usergroupMethods,
  ...viewMethods,
};
