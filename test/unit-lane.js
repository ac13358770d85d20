/**
 * Jest setup of the unit project, run before each test file: no broker and no database. Their
 * addresses are removed, and `infraEnv()` refuses, so a test that needs them fails at once with a
 * message instead of waiting on a connection (it belongs in a *.e2e.spec.ts file).
 */
delete process.env.KAFKA_BROKERS;
delete process.env.MONGODB_URI;
process.env.PB_TEST_LANE = 'unit';
