'use strict';
/**
 * Calibration: a bare node:http server answering every request with the same 200-byte JSON. Its req/s on
 * this machine, under the same load generator and settings, is the yardstick the Manager's figures are
 * divided by. Usage: node bench/calibration-server.js PORT (listens on 127.0.0.1 only).
 */
const http = require('node:http');

const port = Number(process.argv[2]);
const payload = { status: 'ok', service: 'calibration', items: [1, 2, 3], note: '' };
payload.note = 'x'.repeat(200 - JSON.stringify(payload).length);
const body = Buffer.from(JSON.stringify(payload));
if (body.length !== 200) throw new Error(`calibration body is ${body.length} bytes, not 200`);

http
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
  })
  .listen(port, '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
