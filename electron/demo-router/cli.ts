// `npm run demo-router -- --api-port P --api-ssl-port Q --ssh-port R --scenario two-wan --routes N`
// Starts the demo router on 127.0.0.1, prints one "ready" line for scripts to wait on, and stops
// cleanly on SIGINT/SIGTERM. A port of 0 picks any free port; `--ssh-port off` turns SSH off.
// While it runs, lines on standard input change the WAN links (link-console.ts): `link ether1 loss=25`.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, type DemoRouterOptions, type RouterOptions, startDemoRouter } from './index';
import { LINK_CONSOLE_HELP, runLinkCommand } from './link-console';

type ScenarioName = NonNullable<RouterOptions['scenario']>;
/** Every scenario the router knows, checked against its type in both directions. */
const SCENARIOS: Record<ScenarioName, true> = { 'two-wan': true, basic: true };

const USAGE = `usage: npm run demo-router -- [--api-port 8728] [--api-ssl-port 8729] [--ssh-port 2222|off]
  [--scenario ${Object.keys(SCENARIOS).join('|')}] [--routes N] [--identity NAME] [--user admin] [--password '']
  [--logins-from ADDRESS] [--data-dir ${DEFAULT_DATA_DIR}]`;

function parseOptions(argv: string[]): DemoRouterOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'api-port': { type: 'string', default: '8728' },
      'api-ssl-port': { type: 'string', default: '8729' },
      'ssh-port': { type: 'string', default: '2222' },
      scenario: { type: 'string', default: 'two-wan' },
      routes: { type: 'string', default: '0' },
      identity: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'logins-from': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const scenario = values.scenario;
  if (!Object.hasOwn(SCENARIOS, scenario)) throw new Error(`unknown scenario "${scenario}"`);
  return {
    apiPort: port(values['api-port'], '--api-port'),
    apiSslPort: port(values['api-ssl-port'], '--api-ssl-port'),
    sshPort: values['ssh-port'] === 'off' ? null : port(values['ssh-port'], '--ssh-port'),
    scenario: scenario as ScenarioName,
    routes: count(values.routes, '--routes'),
    identity: values.identity,
    user: values.user,
    password: values.password,
    loginsFrom: values['logins-from'],
    dataDir: values['data-dir'],
  };
}

function port(text: string, flag: string): number {
  const value = count(text, flag);
  if (value > 65535) throw new Error(`${flag} must be a port number (0 for any free port)`);
  return value;
}

function count(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  let options: DemoRouterOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const demo = await startDemoRouter(options);
  const ssh = demo.ssh ? `${demo.ssh.host}:${demo.ssh.port}` : 'off';
  console.log(
    `demo router ready api=${demo.api.host}:${demo.api.port} api-ssl=${demo.apiSsl.host}:${demo.apiSsl.port} ssh=${ssh}`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log(LINK_CONSOLE_HELP);
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      console.log(runLinkCommand(demo.router.links, line));
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
    }
  });
}

main().catch((error: unknown) => {
  console.error('demo router failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
