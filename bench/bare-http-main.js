/**
 * The status-page bench's floor: bare node:http answering, by path, the very bytes (status, headers
 * and body) Commander's status page answered, read once from the JSON file named in BARE_RESPONSES.
 * Plain JavaScript, nothing else loaded: what serving those bytes costs Node itself.
 */
const fs = require('node:fs');
const http = require('node:http');

const responses = new Map(
  Object.entries(JSON.parse(fs.readFileSync(process.env.BARE_RESPONSES, 'utf8'))).map(([path, r]) => [
    path,
    { headers: r.headers, body: Buffer.from(r.body, 'base64') },
  ]),
);
const server = http.createServer((req, res) => {
  const found = responses.get(req.url);
  if (!found) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, found.headers);
  res.end(found.body);
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
