import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { StaffRosterSchema } from '../../functions/handlers/runtime-config.js';
import { readStageContext } from '../../lib/stage-context.js';

const person = (email: string) => ({ email, name: email.split('@')[0], language: 'he' });
const ROSTER = JSON.stringify({
  tierDuty: { 1: person('t1@help.example.co.il'), 2: person('t2@help.example.co.il'), 3: person('t3@help.example.co.il'), 4: person('t4@help.example.co.il') },
  hos: person('hos@help.example.co.il'),
  cco: person('cco@help.example.co.il'),
});

describe('readStageContext', () => {
  it('defaults the stage to dev, its mail to support.center.example, with a roster at that domain', () => {
    const context = readStageContext(new App());
    expect(context).toMatchObject({ stage: 'dev', mail: { domain: 'support.center.example', from: 'Support <support@support.center.example>' } });
    expect(StaffRosterSchema.parse(JSON.parse(context.staffRoster)).hos.email).toBe('hos@support.center.example');
  });

  it('takes a valid stage from context', () => {
    expect(readStageContext(new App({ context: { stage: 'prod-eu', staffRoster: ROSTER } })).stage).toBe('prod-eu');
  });

  it('takes the mail domain, the sender and the roster (a JSON string or an object) from context', () => {
    const context = readStageContext(new App({ context: {
      stage: 'prod', mailDomain: 'help.example.co.il', mailFrom: 'Help Desk <desk@help.example.co.il>', staffRoster: ROSTER,
    } }));
    expect(context).toEqual({ stage: 'prod', mail: { domain: 'help.example.co.il', from: 'Help Desk <desk@help.example.co.il>' }, staffRoster: ROSTER });
    expect(readStageContext(new App({ context: { stage: 'prod', staffRoster: JSON.parse(ROSTER) } })).staffRoster).toBe(ROSTER);
  });

  it('requires a roster for every stage but dev', () => {
    expect(() => readStageContext(new App({ context: { stage: 'prod' } }))).toThrow(/context "staffRoster" is required/);
  });

  it.each([
    ['mailDomain', 'Support.Center.Example', /context "mailDomain"/],
    ['mailDomain', 'localhost', /context "mailDomain"/],
    ['mailFrom', 'Support <support@elsewhere.example>', /context "mailFrom"/],
    ['mailFrom', 'not an address', /context "mailFrom"/],
    ['staffRoster', '{not json', /not JSON/],
    ['staffRoster', JSON.stringify({ hos: { email: 'hos@x.example', name: 'H' } }), /not a staff roster: tierDuty/],
  ])('refuses %s %j', (key, value, error) => {
    expect(() => readStageContext(new App({ context: { [key]: value } }))).toThrow(error);
  });

  it.each(['Prod', 'prod_1', '1prod', 'a-stage-name-too-long', ''])('refuses %j', (stage) => {
    expect(() => readStageContext(new App({ context: { stage } }))).toThrow(/context "stage"/);
  });
});
