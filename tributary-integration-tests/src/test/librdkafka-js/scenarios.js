// librdkafka scenarios for LibrdkafkaJsIT, through Confluent's JavaScript client, which bundles a current librdkafka
// (kcat from Debian's packages has an older one). Configuration uses librdkafka's own property names, as kcat -X and
// confluent-kafka for Python/Go/.NET do. Each scenario prints what it saw as key=value lines.
// Usage: node scenarios.js SCENARIO BOOTSTRAP TOPIC GROUP
// SASL settings come from the environment (kept off the command line, where passwords would show in ps):
// RDKAFKA_SECURITY_PROTOCOL, RDKAFKA_SASL_MECHANISM, RDKAFKA_SASL_USERNAME, RDKAFKA_SASL_PASSWORD.
'use strict';
const rdkafka = require('@confluentinc/kafka-javascript');
const { Kafka } = rdkafka.KafkaJS;

const [scenario, bootstrap, topic, group] = process.argv.slice(2);
const env = process.env;
const connection = {
  'bootstrap.servers': bootstrap,
  'security.protocol': env.RDKAFKA_SECURITY_PROTOCOL || 'plaintext',
  ...(env.RDKAFKA_SASL_MECHANISM ? {
    'sasl.mechanisms': env.RDKAFKA_SASL_MECHANISM,
    'sasl.username': env.RDKAFKA_SASL_USERNAME,
    'sasl.password': env.RDKAFKA_SASL_PASSWORD,
  } : {}),
};
const kafka = new Kafka({});

function report(key, value) {
  console.log(`${key}=${value}`);
}

function describeError(error) {
  return error ? `${error.name}:${error.code || ''}:${error.message}` : 'none';
}

// A producer writes three records; a group member reads them all, and commits on close (auto-commit).
async function roundTrip() {
  report('librdkafka', rdkafka.librdkafkaVersion);
  const producer = kafka.producer({ ...connection, 'linger.ms': 0 });
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
  await producer.disconnect();
  report('produced', 3);

  const consumer = kafka.consumer({ ...connection, 'group.id': group, 'auto.offset.reset': 'earliest' });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
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
}

// A producer connects (librdkafka fetches metadata first): with a wrong password the broker refuses the login and
// librdkafka must report its authentication failure.
async function connect() {
  const producer = kafka.producer({ ...connection });
  try {
    await producer.connect();
    report('connect', 'ok');
  } catch (e) {
    report('connect', describeError(e));
  } finally {
    await producer.disconnect().catch(() => {});
  }
}

const scenarios = { 'round-trip': roundTrip, connect };

scenarios[scenario]()
  .then(() => process.exit(0))
  .catch((e) => {
    report('failed', describeError(e));
    process.exit(1);
  });
