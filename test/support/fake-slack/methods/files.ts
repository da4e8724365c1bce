import type { Workspace } from '../state';
import type { Upload } from '../types';
import { int, need, str } from './args';
import { requireMember, requireNotArchived } from './channels';
import { invalidArguments, SlackApiError, type Method } from './method';

/**
 * The two Web API halves of Slack's external upload (files.uploadV2 in the SDK); the bytes go to
 * the upload URL in between, which endpoints.ts receives.
 */
export const fileMethods: Record<string, Method> = {
  'files.getUploadURLExternal': ({ ws, args, origin }) => {
    const filename = need(args, 'filename');
    const length = int(args, 'length');
    if (length === undefined || length < 1) throw invalidArguments(['[ERROR] missing required field: length']);
    const file_id = ws.freshId('F');
    ws.uploads.set(file_id, { file_id, filename, content: '', length, uploaded: false, completed: false });
    return { upload_url: `${origin}/upload/${file_id}`, file_id };
  },

  'files.completeUploadExternal': ({ ws, args }) => {
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0) throw invalidArguments(['[ERROR] missing required field: files']);
    const uploads = files.map((f: any) => {
      const upload = typeof f?.id === 'string' ? ws.uploads.get(f.id) : undefined;
      // Completing before the bytes arrived is refused like an unknown file.
      if (!upload?.uploaded) throw new SlackApiError('file_not_found');
      return { upload, title: typeof f.title === 'string' ? f.title : undefined };
    });
    const channelId = str(args, 'channel_id') ?? str(args, 'channels');
    if (channelId !== undefined) {
      const channel = ws.findChannel(channelId);
      if (!channel) throw new SlackApiError('channel_not_found');
      requireNotArchived(channel);
      requireMember(ws, channel);
    }
    const thread_ts = str(args, 'thread_ts');
    if (thread_ts !== undefined && (!channelId || !ws.findMessage(channelId, thread_ts)))
      throw new SlackApiError('thread_not_found');
    const initial_comment = str(args, 'initial_comment');
    for (const { upload, title } of uploads) {
      Object.assign(upload, {
        completed: true,
        title: title ?? upload.filename,
        ...(channelId ? { channel_id: channelId } : {}),
        ...(thread_ts ? { thread_ts } : {}),
        ...(initial_comment ? { initial_comment } : {}),
      });
    }
    return { files: uploads.map(({ upload }) => fileJson(ws, upload)) };
  },

  'files.info': ({ ws, args }) => {
    const upload = ws.uploads.get(need(args, 'file', 'file_not_found'));
    if (!upload?.completed) throw new SlackApiError('file_not_found');
    return { file: fileJson(ws, upload), content: upload.content };
  },
};

function fileJson(ws: Workspace, upload: Upload): Record<string, unknown> {
  return {
    id: upload.file_id,
    name: upload.filename,
    title: upload.title ?? upload.filename,
    size: Buffer.byteLength(upload.content),
    user: ws.identity.botUserId,
    is_public: false,
    // Sharing finishes asynchronously in Slack, so the completion answer carries no shares yet.
    shares: {},
    channels: [],
  };
}
