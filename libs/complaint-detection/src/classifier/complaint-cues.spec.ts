import { complaintCues } from './complaint-cues';

/** Texts here are written for this spec: none is in the corpus or the test sets. */
describe('complaint cues', () => {
  it.each([
    ['irony', 'Oh wonderful, another overdraft charge. Thanks heaps.'],
    ['irony', 'thanks for nothing'],
    ['irony', 'спасибо за ваш сервис, теперь я без денег'],
    ['irony', 'Ну спасибо, снова без зарплаты до понедельника'],
    ['irony', 'Your "fee-free" account charged me $6 🙄'],
    ['soft_complaint', 'With respect, I would like to raise a concern about the fee on my statement.'],
    ['soft_complaint', 'Не хочу скандалить, но комиссию списали дважды.'],
    ['third_party', 'This bank ripped off my friend'],
    ['third_party', 'Моего отца обманули в вашем отделении, продали ненужную страховку'],
    ['dissatisfied_question', 'why was I charged twice?'],
    ['dissatisfied_question', 'С какой стати вы списали деньги без моего согласия?'],
    ['dissatisfied', 'I am unhappy with the new fees'],
    ['dissatisfied', 'My default notice is wrong'],
    ['dissatisfied', 'Nobody answers'],
    ['money_lost', 'The machine took my card and I have no money for the weekend'],
    ['irony', 'Excellent. My transfer to the plumber has been stuck since Friday.'],
    ['irony', 'Top class service, the branch locked my account and the hotline is closed.'],
    ['irony', 'You are lightning fast at charging interest and glacially slow at fixing mistakes.'],
    ['irony', 'Восхитительно, платёж за садик опять завис.'],
    ['irony', 'Деньги за страховку берёте сразу, а выплату ждать месяцами.'],
    ['dissatisfied_question', 'Why do you charge a paper fee when I have never had a paper statement?'],
    ['dissatisfied_question', 'Why is my refund still not here after five weeks?'],
    ['dissatisfied_question', 'Почему перевод идёт уже десять дней?'],
    ['dissatisfied_question', 'Почему я обязан приходить лично, если у вас есть видеозвонок?'],
  ])('%s: %s', (cue, text) => {
    expect(complaintCues(text).dissatisfaction).toContain(cue);
  });

  it('finds no dissatisfaction in plain questions and thanks', () => {
    for (const text of [
      'What is the fee for an international transfer?',
      'My friend told me about your savings account, what is the rate?',
      'Can my wife be added to my account?',
      'Why does the app ask for my location?',
      'Why do I need a passport for a second account?',
      'Perfect, the new card arrived this morning. Thanks!',
      'How fast can I get my money if I close the term deposit early?',
      'Почему для вклада нужен ИНН?',
      'Отлично, кредит одобрили за день, спасибо!',
      'Thank you, the refund arrived this morning!',
      'Подскажите, сколько стоит обслуживание карты?',
      'Спасибо, деньги пришли',
    ]) {
      expect({ text, cues: complaintCues(text).dissatisfaction }).toEqual({ text, cues: [] });
    }
  });

  it('knows bare acknowledgements and probes, and nothing with a subject, a plea or a problem', () => {
    for (const text of ['thanks', 'Thanks!', 'ok', 'message 1', 'probe 3', 'Спасибо, всё уже норм', 'ок спс', 'thanks for letting me know', '👍']) {
      expect({ text, ack: complaintCues(text).acknowledgement }).toEqual({ text, ack: true });
    }
    for (const text of ['thanks for nothing', 'help', 'my card?', 'fee again', 'still waiting', 'ok but where is my refund']) {
      expect({ text, ack: complaintCues(text).acknowledgement }).toEqual({ text, ack: false });
    }
  });

  it('knows whether a message asks for anything', () => {
    for (const text of ['When do you open?', 'Please send me my statement', 'Подскажите график работы', 'I would like to close my account']) {
      expect({ text, asks: complaintCues(text).asksSomething }).toEqual({ text, asks: true });
    }
    for (const text of ['My card was declined', 'Карту отклонили на кассе']) {
      expect({ text, asks: complaintCues(text).asksSomething }).toEqual({ text, asks: false });
    }
  });

  it('knows machine-written mail', () => {
    expect(complaintCues('Automatic reply: I am out of the office until Monday').machine).toBe(true);
    expect(complaintCues('Ticket #8812 has been received, we will respond within 2 business days').machine).toBe(true);
    expect(complaintCues('Заявка №5512 принята, мы свяжемся с вами').machine).toBe(true);
    expect(complaintCues('You charged my card twice').machine).toBe(false);
  });

  it('counts hardship and vulnerability', () => {
    expect(complaintCues('I lost my job and I am in hardship, you keep charging me').vulnerable).toBe(true);
    expect(complaintCues('я в тяжёлом положении, потерял работу, а вы списываете платежи').vulnerable).toBe(true);
  });

  it('reads the longest text the classifier passes it (MAX_CLASSIFIED_CHARS) quickly', () => {
    const started = Date.now();
    complaintCues('a'.repeat(20_000) + ' ' + 'б'.repeat(20_000));
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
