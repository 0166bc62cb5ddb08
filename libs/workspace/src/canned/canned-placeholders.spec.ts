import { placeholderValues, renderTemplate, unknownPlaceholders } from './canned-placeholders';

describe('canned response placeholders', () => {
  const values = placeholderValues({ customerName: 'Jane Citizen', caseReference: 'C-000042', agentName: 'Alice' });

  it('fills every known placeholder, with or without spaces inside the braces', () => {
    expect(renderTemplate('Dear {{customer.name}} ({{ customer.firstName }}), case {{case.reference}}. {{agent.name}}', values)).toBe(
      'Dear Jane Citizen (Jane), case C-000042. Alice',
    );
  });

  it('addresses a customer without a name neutrally', () => {
    const anonymous = placeholderValues({ customerName: null, caseReference: 'C-1', agentName: 'Bob' });
    expect(renderTemplate('Dear {{customer.name}}', anonymous)).toBe('Dear customer');
  });

  it('leaves unknown placeholders visible and reports them', () => {
    expect(renderTemplate('Hi {{customer.nmae}}', values)).toBe('Hi {{customer.nmae}}');
    expect(unknownPlaceholders('Hi {{customer.nmae}} {{case.reference}} {{x}} {{x}}')).toEqual(['customer.nmae', 'x']);
    expect(unknownPlaceholders('Кейс {{case.reference}}')).toEqual([]);
  });
});
