import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack } from '../test/support/fake-slack';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/support/harness';
(async () => {
  const fake = await FakeSlack.start({ token: BOT_TOKEN });
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-'));
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...(process.env.PRE ? ['-r', process.env.PRE] : []), path.resolve('dist/main.js')], { cwd, env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, DATABASE_PATH: path.join(cwd, 'c.db'), LOG_LEVEL: 'debug', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const on = (b: Buffer) => { for (const l of b.toString().split('\n').filter(Boolean)) console.log((Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0).padStart(5), l.slice(0, 150)); };
    child.stdout!.on('data', on); child.stderr!.on('data', on);
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    console.log('----');
  }
  await fake.stop();
})();
