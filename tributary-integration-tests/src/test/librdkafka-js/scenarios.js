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

// A producer connects (librdkafka fetches metadata first) through the binding's own API, which passes on
// librdkafka's error events and logs: with a wrong password the broker refuses the login, and librdkafka must
// report an authentication failure with the broker's message.
async function connect() {
  const producer = new rdkafka.Producer({ ...connection, event_cb: true });
  const errors = [];
  producer.on('event.error', (e) => errors.push(`${e.code}:${e.message}`));
  producer.on('event.log', (log) => {
    if (log.severity <= 3) {
      errors.push(`${log.fac}:${log.message}`);
    }
  });
  const connected = await new Promise((resolve) => {
    producer.connect({ timeout: 10000 }, (err) => {
      report('connect', err ? describeError(err) : 'ok');
      resolve(!err);
    });
  });
  report('errors', errors.join('|'));
  if (connected) {
    await new Promise((resolve) => producer.disconnect(resolve));
  }
}

const scenarios = { 'round-trip': roundTrip, connect };

scenarios[scenario]()
  .then(() => process.exit(0))
  .catch((e) => {
    report('failed', describeError(e));
    process.exit(1);
  });
