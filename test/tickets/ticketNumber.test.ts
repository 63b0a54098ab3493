import { describe, expect, it } from 'vitest';
import { findTicketNumber, formatTicketNumber, parseTicketNumber } from '../../src/tickets/ticketNumber.js';

describe('ticket numbers', () => {
  it('formats a sequence value with the SR- prefix', () => {
    expect(formatTicketNumber(1000042)).toBe('SR-1000042');
  });

  it.each([
    ['SR-1000042'],
    ['sr-1000042'],
    ['sr 1000042'],
    ['SR1000042'],
    ['#1000042'],
    ['# 1000042'],
    ['1000042'],
    ['  SR-1000042.  '],
    ['(SR-1000042)'],
    ['SR#1000042'],
    ['SR: 1000042'],
  ])('reads %j as SR-1000042', (typed) => {
    expect(parseTicketNumber(typed)).toBe('SR-1000042');
  });

  it.each([['hello'], ['SR-42'], ['12345'], ['SR-1000042 please'], ['XY-1000042'], ['']])('does not take %j for a number', (typed) => {
    expect(parseTicketNumber(typed)).toBeNull();
  });

  it.each([
    ['what is the status of SR 1000042?', 'SR-1000042'],
    ['reopen #1000043 please', 'SR-1000043'],
    ['it was sr1000044 I think', 'SR-1000044'],
    ['ticket 1000045', 'SR-1000045'],
  ])('finds the number in %j', (text, number) => {
    expect(findTicketNumber(text)).toBe(number);
  });

  it.each([['my mail is broken since 9 am'], ['call me on +14255550100'], ['call me on 425 555 0100'], ['order 12345678901']])(
    'finds no ticket number in %j',
    (text) => {
      expect(findTicketNumber(text)).toBeNull();
    },
  );
});
