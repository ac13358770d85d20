/**
 * Jest setup, run before each test file: the file gets Kafka topics of its own
 * (KAFKA_TOPIC_PREFIX), so consumers it starts replay only what the file
 * itself produced, and files cannot see each other's events.
 */
const { randomBytes } = require('crypto');

process.env.KAFKA_TOPIC_PREFIX = `t${randomBytes(4).toString('hex')}.`;
