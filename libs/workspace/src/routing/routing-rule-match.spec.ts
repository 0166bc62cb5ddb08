import { chooseRoutedTeam, hasCondition, routingRuleMatches, type RoutingFacts, type RoutingRule } from './routing-rule-match';

const rule = (teamId: string, conditions: Partial<RoutingRule> = {}): RoutingRule => ({
  id: `rule-${teamId}`,
  teamId,
  channel: null,
  account: null,
  kind: null,
  words: [],
  ...conditions,
});
const facts = (overrides: Partial<RoutingFacts> = {}): RoutingFacts => ({
  channel: 'email',
  account: 'complaints@bank.example',
  kind: 'complaint',
  text: 'My home loan repayment was taken twice.',
  ...overrides,
});

describe('routing rules', () => {
  it('takes the first rule that matches, in order', () => {
    const rules = [rule('cards', { words: ['credit card'] }), rule('loans', { words: ['home loan'] }), rule('email', { channel: 'email' })];
    expect(chooseRoutedTeam(rules, facts())).toBe('loans');
    expect(chooseRoutedTeam([...rules].reverse(), facts())).toBe('email');
  });

  it('answers null when no rule matches, so the default team keeps the case', () => {
    expect(chooseRoutedTeam([rule('sms', { channel: 'sms' })], facts())).toBeNull();
    expect(chooseRoutedTeam([], facts())).toBeNull();
  });

  it('needs every condition of a rule to hold', () => {
    const r = rule('x', { channel: 'email', kind: 'enquiry', words: ['loan'] });
    expect(routingRuleMatches(r, facts())).toBe(false);
    expect(routingRuleMatches(r, facts({ kind: 'enquiry' }))).toBe(true);
    expect(routingRuleMatches(r, facts({ kind: 'enquiry', channel: 'sms' }))).toBe(false);
  });

  it('compares the account without regard to case or surrounding spaces', () => {
    expect(routingRuleMatches(rule('x', { account: ' Complaints@Bank.example' }), facts())).toBe(true);
    expect(routingRuleMatches(rule('x', { account: 'hardship@bank.example' }), facts())).toBe(false);
  });

  it('matches words and phrases as whole words, without regard to case or punctuation', () => {
    expect(routingRuleMatches(rule('x', { words: ['HOME LOAN'] }), facts())).toBe(true);
    expect(routingRuleMatches(rule('x', { words: ['twice'] }), facts())).toBe(true);
    // "loan" is in "loans" only as part of a word.
    expect(routingRuleMatches(rule('x', { words: ['loan'] }), facts({ text: 'About my loans' }))).toBe(false);
    expect(routingRuleMatches(rule('x', { words: ['hardship', 'repayment'] }), facts())).toBe(true);
    expect(routingRuleMatches(rule('x', { words: ['scam'] }), facts())).toBe(false);
  });

  it('ignores blank words, and calls a rule without any condition conditionless', () => {
    expect(routingRuleMatches(rule('x', { words: ['  ', '!!'] }), facts())).toBe(false);
    expect(hasCondition(rule('x', { words: ['  '] }))).toBe(false);
    expect(hasCondition(rule('x'))).toBe(false);
    expect(hasCondition(rule('x', { kind: 'noise' }))).toBe(true);
    expect(hasCondition(rule('x', { words: ['fraud'] }))).toBe(true);
  });
});
