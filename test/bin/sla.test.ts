import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const sla = (...args: string[]) => spawnSync(process.execPath, ['bin/launch.mjs', 'bin/sla.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('sla preview: the support manager\'s preview of every charter deadline', () => {
  it('R-SLA-2, R-COMM-2, R-PEND-2, R-CLOSE-2: prints one JSON object with the contract\'s names, in UTC', () => {
    const run = sla('preview', '--severity', 'high', '--at', '2026-03-31T10:00:00+03:00');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({
      firstResponseDue: '2026-03-31T11:30:00.000Z', // Tuesday 10:00 + 4.5 h = 14:30
      // 48 business hours: 7 h Tuesday, Pesach closed, then Apr 5, 6, 9, 12 and 7 h of Monday Apr 13 → 15:30
      contactDue: '2026-04-13T12:30:00.000Z',
      unansweredMessage: { pendingCustomerAt: '2026-04-06T07:00:00.000Z' },
      pendingCustomer: { reminder1: '2026-04-06T07:00:00.000Z', reminder2: '2026-04-12T07:00:00.000Z', autoResolve: '2026-04-14T07:00:00.000Z' },
      resolved: { checkIn1: '2026-04-06T07:00:00.000Z', checkIn2: '2026-04-12T07:00:00.000Z', autoClose: '2026-04-14T07:00:00.000Z' },
    });
  });
  it('R-SLA-3, R-CAL-3: --css adds the Customer Success due time; --calendar extended uses 08:00-20:00', () => {
    const out = JSON.parse(sla('preview', '--severity', 'urgent', '--at', '2026-06-07T08:00:00Z', '--calendar', 'extended', '--css').stdout);
    expect(out.cssResponseDue).toBe('2026-06-07T17:00:00.000Z');
    expect(out.firstResponseDue).toBe('2026-06-07T11:00:00.000Z');
  });
  it('runs through npm exactly as documented', () => {
    const out = execFileSync('npm', ['run', '-s', 'sla', '--', 'preview', '--severity', 'normal', '--at', '2026-06-07T06:00:00Z'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out).firstResponseDue).toBe('2026-06-07T12:00:00.000Z');
  });
  const bad: Array<[string, string[]]> = [
    ['severity', ['preview', '--severity', 'critical', '--at', '2026-06-07T06:00:00Z']],
    ['severity', ['preview', '--at', '2026-06-07T06:00:00Z']],
    ['at', ['preview', '--severity', 'high', '--at', '2026-06-07 09:00']],
    ['at', ['preview', '--severity', 'high', '--at', '2026-02-30T09:00:00Z']],
    ['at', ['preview', '--severity', 'high']],
    ['calendar', ['preview', '--severity', 'high', '--at', '2026-06-07T06:00:00Z', '--calendar', 'weekend']],
    ['--bogus', ['preview', '--severity', 'high', '--at', '2026-06-07T06:00:00Z', '--bogus']],
    ['from', ['calendar', '--from', '2026-13-01', '--to', '2026-12-31']],
    ['command', ['forecast']],
  ];
  for (const [name, args] of bad) {
    it(`a bad argument (${args.join(' ')}) exits non-zero with one line naming ${name}, and nothing on stdout`, () => {
      const run = sla(...args);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(name);
    });
  }
});

describe('sla calendar: closed days in a range with their reasons', () => {
  it('R-CAL-2: lists weekends, holidays and eves of Pesach 2026', () => {
    const run = sla('calendar', '--from', '2026-03-31', '--to', '2026-04-09', '--json');
    expect(JSON.parse(run.stdout)).toEqual([
      { date: '2026-04-01', reason: 'eve', name: 'Erev Pesach' },
      { date: '2026-04-02', reason: 'holiday', name: 'Pesach I' },
      { date: '2026-04-03', reason: 'weekend', name: 'Weekend' },
      { date: '2026-04-04', reason: 'weekend', name: 'Weekend' },
      { date: '2026-04-07', reason: 'eve', name: 'Erev Pesach VII' },
      { date: '2026-04-08', reason: 'holiday', name: 'Pesach VII' },
    ]);
    expect(sla('calendar', '--from', '2026-10-02', '--to', '2026-10-02').stdout).toMatch(/^2026-10-02\s+eve\s+Hoshana Raba\n$/);
  });
});

describe('sla --help and token --help (issue 13: a newcomer asks the command)', () => {
  const token = (...args: string[]) => spawnSync(process.execPath, ['bin/launch.mjs', 'bin/token.ts', ...args], { cwd: root, encoding: 'utf8' });
  it('sla --help (and sla preview --help) print the usage on stdout and exit 0', () => {
    for (const args of [['--help'], ['preview', '--help'], ['-h']]) {
      const run = sla(...args);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: npm run -s sla -- <command>/);
      expect(run.stdout).toContain('--severity urgent|high|normal');
      expect(run.stdout).toContain('--from <YYYY-MM-DD> --to <YYYY-MM-DD>');
    }
  });
  it('token --help prints the usage with every role, exits 0 and signs nothing', () => {
    const run = token('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run -s token -- --role <role>/);
    expect(run.stdout).toContain('agent-tier1');
    expect(run.stdout).not.toMatch(/eyJ/); // no token
  });
  it('without a command sla still exits 2 with one line on stderr', () => {
    const run = sla();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});
