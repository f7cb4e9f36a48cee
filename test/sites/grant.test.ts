import { describe, expect, it } from 'vitest';
import { parseGrant, parseRelativeDuration } from '../../shared/sites/grant';

const now = Date.parse('2026-03-01T10:00:00Z');

describe('parseGrant', () => {
  it('reads the portal’s key: value block', () => {
    const text = [
      'Transient Access',
      'Host: edge-us-east-1a.ostrat.io',
      'Port: 45821',
      'Username: transient-user-abc123',
      'Password: P@ss:w0rd=ABC',
      'Expires at: 2025-10-29T12:15:49Z',
      'Access: Read-only',
    ].join('\n');
    expect(parseGrant(text, now)).toEqual({
      address: 'edge-us-east-1a.ostrat.io',
      port: 45821,
      user: 'transient-user-abc123',
      password: 'P@ss:w0rd=ABC',
      expiresAt: '2025-10-29T12:15:49.000Z',
      readOnly: true,
    });
  });

  it('reads markdown bullets, quoted values and an endpoint with its port', () => {
    const text = [
      '- **Endpoint:** `edge-eu-west-2b.example.net:48152`',
      '- **User name:** "tech-7f3a"',
      "* Password = 's3 cr3t'",
      '• Valid for: 2 hours',
      '• Full access: no',
    ].join('\r\n');
    expect(parseGrant(text, now)).toEqual({
      address: 'edge-eu-west-2b.example.net',
      port: 48152,
      user: 'tech-7f3a',
      password: 's3 cr3t',
      expiresAt: '2026-03-01T12:00:00.000Z',
      readOnly: true,
    });
  });

  it('reads an ssh command line, port before or after the destination', () => {
    expect(parseGrant('ssh transient-user@edge-1.example.net -p 45821', now)).toEqual({
      address: 'edge-1.example.net',
      port: 45821,
      user: 'transient-user',
    });
    expect(parseGrant('$ ssh -o StrictHostKeyChecking=ask -p2222 -l tech 203.0.113.9', now)).toEqual({
      address: '203.0.113.9',
      port: 2222,
      user: 'tech',
    });
  });

  it('combines an ssh line with the lines around it', () => {
    const text = 'ssh ta-91@edge.example.net -p 40001\nPassword: hunter2\nExpires in: 15 minutes';
    expect(parseGrant(text, now)).toEqual({
      address: 'edge.example.net',
      port: 40001,
      user: 'ta-91',
      password: 'hunter2',
      expiresAt: '2026-03-01T10:15:00.000Z',
    });
  });

  it('reads the API’s JSON object, full access meaning not read-only', () => {
    const json = JSON.stringify({
      id: 'f0e9d8c7-b6a5-4f3e-2d1c-0b9a8e7f6d5c',
      username: 'transient-user-abc123',
      password: 'P@ssw0rdABC123XYZ',
      port: 45821,
      type: 'ssh',
      full_access: true,
      expires_at: '2025-10-29T12:15:49Z',
      entry_point: 'edge-us-east-1a.ostrat.io',
      time_to_expire: '15 minutes from now',
    });
    expect(parseGrant(json, now)).toEqual({
      address: 'edge-us-east-1a.ostrat.io',
      port: 45821,
      user: 'transient-user-abc123',
      password: 'P@ssw0rdABC123XYZ',
      expiresAt: '2025-10-29T12:15:49.000Z',
      readOnly: false,
    });
  });

  it('takes a relative expiry when the JSON has no absolute one', () => {
    const json = JSON.stringify({
      data: { entry_point: 'e.example.net', time_to_expire: '15 minutes from now' },
    });
    expect(parseGrant(json, now)).toEqual({
      address: 'e.example.net',
      expiresAt: '2026-03-01T10:15:00.000Z',
    });
  });

  it('reads the winbox:// one-click link', () => {
    expect(
      parseGrant(
        'winbox://edge-us-east-1a.ostrat.io:45821?username=transient-user-abc123&password=P%40ss',
        now,
      ),
    ).toEqual({
      address: 'edge-us-east-1a.ostrat.io',
      port: 45821,
      user: 'transient-user-abc123',
      password: 'P@ss',
    });
  });

  it('keeps the first mention of a field and ignores what it cannot read', () => {
    expect(parseGrant('Port: 70000\nPort: 2200\nExpires: whenever\nColour: blue', now)).toEqual({
      port: 2200,
    });
    expect(parseGrant('nothing to see here', now)).toEqual({});
    expect(parseGrant('{not json', now)).toEqual({});
  });

  it('reads an empty password as empty, in every shape a grant comes in', () => {
    expect(parseGrant('Host: edge.example.net\nUsername: ta-1\nPassword: \nPort: 40001', now)).toEqual({
      address: 'edge.example.net',
      port: 40001,
      user: 'ta-1',
      password: '',
    });
    expect(parseGrant('- **Password:**', now)).toEqual({ password: '' });
    expect(parseGrant(JSON.stringify({ username: 'ta-1', password: '' }), now)).toEqual({
      user: 'ta-1',
      password: '',
    });
    expect(parseGrant('winbox://edge.example.net:40001?username=ta-1&password=', now)).toMatchObject({
      password: '',
    });
    // Nothing said about a password is not an empty one.
    expect(parseGrant('winbox://edge.example.net:40001?username=ta-1', now)).not.toHaveProperty('password');
  });

  it('reads an IPv6 endpoint', () => {
    expect(parseGrant('Endpoint: [2001:db8::5]:2222', now)).toEqual({ address: '2001:db8::5', port: 2222 });
  });
});

describe('parseRelativeDuration', () => {
  it.each([
    ['15 minutes from now', 900_000],
    ['in 2 hours', 7_200_000],
    ['1h 30m', 5_400_000],
    ['90 min', 5_400_000],
    ['1 day', 86_400_000],
    ['45s', 45_000],
  ])('%s', (text, ms) => expect(parseRelativeDuration(text)).toBe(ms));

  it('refuses words it does not know', () => {
    expect(parseRelativeDuration('3 fortnights')).toBeUndefined();
    expect(parseRelativeDuration('soon')).toBeUndefined();
  });
});
