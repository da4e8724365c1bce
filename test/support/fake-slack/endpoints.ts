import { uploadedBytes } from './body';
import type { HttpReply, HttpRequest } from './server';
import type { Workspace } from './state';
import { validateBlocks } from './validate-blocks';
import { errorsIn } from './validate-common';

/** Slack accepts five POSTs to a response_url (within 30 minutes; the fake ignores time). */
export const RESPONSE_URL_USES = 5;

/** The upload URL from files.getUploadURLExternal: stores the bytes for completeUploadExternal. */
export function answerUpload(ws: Workspace, fileId: string, request: HttpRequest): HttpReply {
  const upload = ws.uploads.get(fileId);
  if (!upload) return { status: 404, text: 'Not Found' };
  const bytes = uploadedBytes(request.headers['content-type'], request.body);
  upload.content = bytes.toString('utf8');
  upload.uploaded = true;
  return { status: 200, text: `OK - ${bytes.length}` };
}

/** A response_url from newResponseUrl(): records what the app sent (Bolt's respond() sends JSON). */
export function answerResponseUrl(ws: Workspace, request: HttpRequest): HttpReply {
  const url = request.url.toString();
  const left = ws.responseUrls.get(url);
  if (left === undefined) return { status: 404, json: { ok: false, error: 'invalid_url' } };
  if (left === 0) return { status: 404, json: { ok: false, error: 'used_url' } };
  const body = responseBody(request);
  // Like incoming webhooks, a response_url refuses Block Kit it cannot show with a 400 and the code
  // (recorded, so a test sees the refusal), and the refused post does not use the URL up.
  if (Array.isArray(body?.blocks) && errorsIn(validateBlocks(body.blocks, 'message')).length > 0) {
    ws.responses.push({ url, body, error: 'invalid_blocks' });
    return { status: 400, text: 'invalid_blocks' };
  }
  ws.responseUrls.set(url, left - 1);
  ws.responses.push({ url, body });
  return { status: 200, json: { ok: true } };
}

function responseBody(request: HttpRequest): any {
  const text = request.body.toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  const form = new URLSearchParams(text);
  const payload = form.get('payload');
  if (payload !== null) {
    try {
      return JSON.parse(payload);
    } catch {
      return payload;
    }
  }
  return Object.fromEntries(form);
}
