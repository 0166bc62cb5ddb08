import { afcaTemplateKinds, MissingRequiredPartsError, renderTemplate, shippedTemplate, templateProblems, TEMPLATE_KINDS } from './compliance-templates';

describe('RG 271 message templates', () => {
  it('ships a valid template of every kind in English and Russian', () => {
    for (const kind of TEMPLATE_KINDS) {
      for (const language of ['en', 'ru']) {
        const t = shippedTemplate(kind, language);
        expect(t.language).toBe(language);
        expect(templateProblems(kind, t.body)).toEqual([]);
      }
    }
  });
  it('falls back to English for a language without a template', () => {
    expect(shippedTemplate('acknowledgement', 'de').language).toBe('en');
  });
  it('refuses to save a template without its required parts or an AFCA block without the contact details', () => {
    expect(templateProblems('idr_response', 'Dear customer, {{outcome}}. {{reasons}} {{reference}}')).toEqual(['missing the required part {{afcaBlock}}']);
    expect(templateProblems('afca_block', 'Go to AFCA at www.afca.org.au')).toEqual(
      expect.arrayContaining(['missing the AFCA phone', 'missing the AFCA email', 'missing the AFCA postal address']),
    );
    expect(templateProblems('delay_notice', '{{reference}} {{delayReasons}} You must wait until we reply. {{afcaNote}} {{afcaBlock}}')).toEqual([
      'a delay notice must not suggest the customer has to wait before going to AFCA',
    ]);
  });
  it('renders placeholders and refuses a message whose required parts are blank', () => {
    const body = shippedTemplate('idr_response', 'en').body;
    const afcaBlock = shippedTemplate('afca_block', 'en').body.replace('{{afcaTimeLimit}}', shippedTemplate('afca_time_limit', 'en').body);
    const text = renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'we agree', reasons: 'The fee was charged twice.', remedies: 'a refund', afcaBlock });
    expect(text).toContain('C-000001');
    expect(text).toContain('www.afca.org.au');
    expect(() => renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'we agree', reasons: '  ', remedies: '', afcaBlock })).toThrow(MissingRequiredPartsError);
    expect(() => renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'x', reasons: 'y', remedies: '', afcaBlock: '' })).toThrow(/afcaBlock/);
  });
  it('states AFCA’s time limit as the earlier of 2 years after the response and 6 years after awareness of the loss (RG 271.54)', () => {
    for (const language of ['en', 'ru']) {
      const limit = shippedTemplate('afca_time_limit', language).body;
      expect(limit).toMatch(/\b2\b/);
      expect(limit).toMatch(/\b6\b/);
    }
    expect(shippedTemplate('afca_time_limit', 'en').body).toContain('the earlier of 2 years after our final response and 6 years after you first became aware');
    expect(templateProblems('afca_time_limit', 'Generally within 2 years of our final response.')).toEqual(['missing the 6-year limit after becoming aware of the loss']);
    expect(templateProblems('afca_block', 'AFCA www.afca.org.au 1800 931 678 info@afca.org.au GPO Box 3')).toEqual(['missing the required part {{afcaTimeLimit}}']);
  });
  it('gives a death-benefit complainant the 28-day AFCA limit and never tells them they need not wait (RG 271.66 Note 1)', () => {
    expect(afcaTemplateKinds('death_benefit')).toEqual({ timeLimit: 'afca_time_limit_death_benefit', delayNote: 'delay_afca_note_death_benefit' });
    expect(afcaTemplateKinds('standard')).toEqual({ timeLimit: 'afca_time_limit', delayNote: 'delay_afca_note' });
    for (const language of ['en', 'ru']) {
      expect(shippedTemplate('afca_time_limit_death_benefit', language).body).toContain('28');
      expect(templateProblems('delay_afca_note_death_benefit', shippedTemplate('delay_afca_note_death_benefit', language).body)).toEqual([]);
    }
    expect(shippedTemplate('delay_afca_note', 'en').body).toContain('You do not have to wait');
    expect(templateProblems('delay_afca_note_death_benefit', 'You do not have to wait for our final response: you can take your complaint to AFCA now.')).toEqual([
      'for a death benefit, do not say the customer can go to AFCA without waiting (RG 271.66 Note 1)',
    ]);
    expect(templateProblems('afca_time_limit_death_benefit', 'Within 2 years of our response.')).toEqual(['missing the 28-day limit']);
  });
});
