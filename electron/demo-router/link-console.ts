// The demo router's operator console on its standard input: the world outside the router, not the
// router itself (that is what SSH is for). One line changes one WAN link while the router runs, so a
// brownout can be staged by hand:
//   link ether1 loss=25            25 % of packets lost, both ways
//   link ether1 latency=600 jitter=150
//   link ether1 down | up          the cable
//   link ether1 internet=no        the ISP router answers, nothing past it does
//   host 8.8.8.8 down | up         one host on the internet stops answering, whatever the link
//   links                          every link as it is now
import type { LinkControl, LinkState } from './router';

export const LINK_CONSOLE_HELP = `commands: links | link <interface> [up|down] [latency=MS] [jitter=MS] [loss=PCT] [internet=yes|no] [bandwidth=MBPS] | host <address> up|down`;

const NUMBERS: Record<string, keyof LinkState> = {
  latency: 'latencyMs',
  jitter: 'jitterMs',
  loss: 'lossPct',
  bandwidth: 'bandwidthMbps',
};

/** Runs one console line against the links; returns what to print back. Throws on a bad line. */
export function runLinkCommand(links: LinkControl, line: string): string {
  const [command, name, ...words] = line.trim().split(/\s+/);
  if (command === 'links')
    return links
      .names()
      .map((each) => linkLine(links, each))
      .join('\n');
  if (command === 'host' && name !== undefined && (words[0] === 'up' || words[0] === 'down')) {
    links.setHostAnswers(name, words[0] === 'up');
    return `${name}: ${words[0] === 'up' ? 'answers' : 'answers no echo'}`;
  }
  if (command !== 'link' || name === undefined) throw new Error(LINK_CONSOLE_HELP);
  if (!links.get(name)) throw new Error(`no WAN link on interface "${name}" (${links.names().join(', ')})`);
  const patch: Partial<Record<keyof LinkState, number | boolean>> = {};
  for (const word of words) {
    if (word === 'up' || word === 'down') {
      patch.up = word === 'up';
      continue;
    }
    const [key = '', value = ''] = word.split('=');
    if (key === 'internet' && (value === 'yes' || value === 'no')) {
      patch.internet = value === 'yes';
      continue;
    }
    const field = NUMBERS[key];
    const number = Number(value.replace(/(ms|%)$/, ''));
    if (!field || value === '' || !Number.isFinite(number))
      throw new Error(`cannot read "${word}"\n${LINK_CONSOLE_HELP}`);
    patch[field] = number;
  }
  links.set(name, patch as Partial<LinkState>);
  return linkLine(links, name);
}

function linkLine(links: LinkControl, name: string): string {
  const link = links.get(name);
  if (!link) return `${name}: no such link`;
  const state = link.up ? (link.internet ? 'up' : 'up, no internet') : 'down';
  return `${name} (gateway ${link.gateway}): ${state}, latency ${link.latencyMs} ms ± ${link.jitterMs} ms, loss ${link.lossPct} %, ${link.bandwidthMbps} Mbps`;
}
