// Starts the telegram-test-api emulator for the bridge tests.
// Usage: node server.js <port>. Prints "READY <port>" once it listens; stops on SIGTERM.
'use strict';

const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] || 9000);
const server = new TelegramServer({ host: '127.0.0.1', port, storeTimeout: 600 });

// The emulator does not await some of its own promises (e.g. webhook calls); a failing
// one must show up in the test log, not kill the emulator in the middle of a test.
process.on('unhandledRejection', (reason) => {
  console.error(`emulator: unhandled rejection: ${reason}`);
});

async function stop() {
  await server.stop();
  process.exit(0);
}

server.start().then(() => {
  console.log(`READY ${port}`);
}).catch((error) => {
  console.error(`emulator: could not start: ${error}`);
  process.exit(1);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
