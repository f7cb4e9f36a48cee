import { describe, expect, it } from 'vitest';
import { freeProbe, precheckWan, type RouterInterface } from '../../shared/failover/precheck';
import { defaultProbes, type WanConfig } from '../../shared/failover/wan';
import { parseRoute } from '../../shared/routes/route';

const interfaces: RouterInterface[] = [
  { name: 'ether1', type: 'ether', running: true, disabled: false, addresses: ['10.0.1.2/24'] },
  { name: 'ether2', type: 'ether', running: true, disabled: false, addresses: ['10.0.2.2/24'] },
  { name: 'ether4', type: 'ether', running: false, disabled: false, addresses: [] },
];
const routes = [
  parseRoute({ '.id': '*1', 'dst-address': '0.0.0.0/0', gateway: '10.0.1.1', distance: '1' }),
  parseRoute({ '.id': '*2', 'dst-address': '0.0.0.0/0', gateway: '10.0.2.1', distance: '2' }),
];
const wan2: WanConfig = { wan: 2, gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' };
const check = (wan: Partial<WanConfig>, others: WanConfig[] = []) =>
  precheckWan({ ...wan2, ...wan }, { interfaces, routes }, others);

describe('pre-checks before a WAN is saved', () => {
  it('a WAN on its own network with a default route passes', () => {
    expect(check({})).toEqual([]);
  });

  it('refuses an interface name that matches none exactly', () => {
    expect(check({ interface: 'eth2' })).toEqual([
      {
        field: 'interface',
        message:
          'There is no interface named “eth2” on this router. Pick one from the list: a typed name must match an interface exactly.',
      },
    ]);
    expect(check({ interface: 'Ether2' })[0]?.message).toMatch(/must match exactly. Did you mean “ether2”\?/);
  });

  it('an interface without an address, and a gateway off its network, each say what to fix', () => {
    expect(check({ interface: 'ether4' })[0]?.message).toBe(
      'ether4 has no IP address. Add the address your ISP gave you to ether4 (IP → Addresses), then try again.',
    );
    expect(check({ gateway: '10.0.1.1' })[0]?.message).toMatch(/is on ether1’s network, not ether2’s/);
    expect(check({ gateway: '192.0.2.1' })[0]?.message).toMatch(
      /not on ether2’s network \(10\.0\.2\.2\/24\)/,
    );
    expect(check({ gateway: '10.0.2.2' })[0]?.message).toMatch(/this router’s own address on ether2/);
  });

  it('asks for a default route through the gateway first', () => {
    expect(check({ gateway: '10.0.2.9' })).toEqual([
      {
        field: 'gateway',
        message:
          'There is no default route through 10.0.2.9. Add one in IP → Routes (Dst. Address 0.0.0.0/0, Gateway 10.0.2.9) and make sure it reaches the internet, then try again.',
      },
    ]);
  });

  it('each WAN needs its own gateway and its own public probe host', () => {
    const wan1: WanConfig = { wan: 1, gateway: '10.0.1.1', interface: 'ether1', probe: '1.1.1.1' };
    expect(check({ probe: '1.1.1.1' }, [wan1])).toEqual([
      {
        field: 'probe',
        message:
          '1.1.1.1 is already WAN 1’s probe host. Give each WAN its own, or one link’s checks would leave through the other.',
      },
    ]);
    expect(check({ probe: '192.168.1.1' })[0]?.field).toBe('probe');
    expect(check({}, [{ ...wan1, gateway: '10.0.2.1' }])[0]?.message).toMatch(/WAN 1 already uses 10.0.2.1/);
  });

  it('offers each WAN its own default probe host', () => {
    expect(freeProbe(defaultProbes, [], 2)).toBe('9.9.9.9');
    expect(freeProbe(defaultProbes, ['9.9.9.9', '1.1.1.1'], 2)).toBe('8.8.8.8');
  });
});
