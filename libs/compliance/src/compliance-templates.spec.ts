import { MissingRequiredPartsError, renderTemplate, shippedTemplate, templateProblems, TEMPLATE_KINDS } from './compliance-templates';

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
    expect(templateProblems('delay_notice', '{{reference}} {{delayReasons}} You must wait until we reply. {{afcaBlock}}')).toEqual([
      'a delay notice must not suggest the customer has to wait before going to AFCA',
    ]);
  });
  it('renders placeholders and refuses a message whose required parts are blank', () => {
    const body = shippedTemplate('idr_response', 'en').body;
    const afcaBlock = shippedTemplate('afca_block', 'en').body;
    const text = renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'we agree', reasons: 'The fee was charged twice.', remedies: 'a refund', afcaBlock });
    expect(text).toContain('C-000001');
    expect(text).toContain('www.afca.org.au');
    expect(() => renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'we agree', reasons: '  ', remedies: '', afcaBlock })).toThrow(MissingRequiredPartsError);
    expect(() => renderTemplate('idr_response', body, { reference: 'C-000001', outcome: 'x', reasons: 'y', remedies: '', afcaBlock: '' })).toThrow(/afcaBlock/);
  });
});
