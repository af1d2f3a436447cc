// KafkaJS scenarios for KafkajsIT and KafkajsSaslIT: each runs against the broker named on the command line and
// prints what it saw as key=value lines, which the Java tests assert on.
// Usage: node scenarios.js SCENARIO BOOTSTRAP TOPIC [GROUP]
// Security comes from the environment (kept off the command line, where passwords would show in ps):
// KAFKAJS_SASL_MECHANISM (plain, scram-sha-256, scram-sha-512), KAFKAJS_SASL_USERNAME, KAFKAJS_SASL_PASSWORD, and
// KAFKAJS_SSL_CA (a PEM file: TLS trusting that CA).
'use strict';
const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

const [scenario, bootstrap, topic, group] = process.argv.slice(2);
const env = process.env;
const kafka = new Kafka({
  clientId: 'tributary-kafkajs-it',
  brokers: [bootstrap],
  logLevel: logLevel.NOTHING,
  retry: { retries: 3, initialRetryTime: 100 },
  ssl: env.KAFKAJS_SSL_CA ? { ca: [fs.readFileSync(env.KAFKAJS_SSL_CA, 'utf8')] } : undefined,
  sasl: env.KAFKAJS_SASL_MECHANISM ? {
    mechanism: env.KAFKAJS_SASL_MECHANISM,
    username: env.KAFKAJS_SASL_USERNAME,
    password: env.KAFKAJS_SASL_PASSWORD,
  } : undefined,
});

function report(key, value) {
  console.log(`${key}=${value}`);
}

function describeError(error) {
  return error ? `${error.name}:${error.type || ''}:${error.message}` : 'none';
}

// A transactional producer fenced by a second one with the same transactional id: its commit must fail with an
// error KafkaJS knows (INVALID_PRODUCER_EPOCH), not "Unknown error code 90".
async function fencedTransaction() {
  const transactionalId = `${topic}-txn`;
  const producer = (id) => kafka.producer({ transactionalId: id, idempotent: true, maxInFlightRequests: 1 });
  const zombie = producer(transactionalId);
  await zombie.connect();
  const zombieTxn = await zombie.transaction();
  await zombieTxn.send({ topic, messages: [{ value: 'zombie' }] });

  const current = producer(transactionalId);
  await current.connect();
  const currentTxn = await current.transaction();
  await currentTxn.send({ topic, messages: [{ value: 'current' }] });
  await currentTxn.commit();
  report('currentCommit', 'ok');

  try {
    await zombieTxn.commit();
    report('zombieCommit', 'ok');
  } catch (e) {
    report('zombieCommit', describeError(e));
  }
  await Promise.allSettled([zombie.disconnect(), current.disconnect()]);
}

// An admin creates the topic, a producer writes, a group member reads everything and disconnects: the group
// must be empty at once (KafkaJS sends LeaveGroup on disconnect).
async function groupLeave() {
  const admin = kafka.admin();
  await admin.connect();
  report('created', await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 60000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const values = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out reading')), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value.toString());
        if (values.length === 3) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  report('read', values.join(','));
  await consumer.disconnect();

  const { groups } = await admin.describeGroups([group]);
  report('groupState', groups[0].state);
  report('groupMembers', groups[0].members.length);
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  report('committed', offsets[0].partitions.map((p) => p.offset).join(','));
  await admin.deleteGroups([group]);
  report('deleted', 'ok');
  await admin.disconnect();
}

// A client connects and asks for the topics: with a wrong password the broker refuses it, and KafkaJS must report
// its authentication error (not a retriable connection error it would keep retrying).
async function connect() {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    report('connect', 'ok');
  } catch (e) {
    report('connect', describeError(e));
    report('retriable', e.retriable);
  } finally {
    await admin.disconnect();
  }
}

const scenarios = { 'fenced-transaction': fencedTransaction, 'group-leave': groupLeave, connect };

scenarios[scenario]()
  .then(() => process.exit(0))
  .catch((e) => {
    report('failed', describeError(e));
    process.exit(1);
  });
