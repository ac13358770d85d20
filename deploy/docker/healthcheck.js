// Container health probe without curl/wget in the slim image:
//   node /app/healthcheck.js [/health/live|/health/ready]
// Exits 0 on HTTP 2xx, 1 otherwise. Port: $PORT, else the app's contract port.
'use strict';
const http = require('http');

const DEFAULT_PORTS = { gateway: 3000, membership: 3001, activities: 3002, governance: 3003, enterprise: 3004, 'analyst-streams': 3005, notifications: 3006 };
const path = process.argv[2] || '/health/live';
const port = Number(process.env.PORT || DEFAULT_PORTS[process.env.APP] || 3000);

const req = http.get({ host: '127.0.0.1', port, path, timeout: 4000 }, (res) => {
  res.resume();
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
