import { manualSlot, reminderJobId, reminderQueueJobId } from './reminder-job-id';

describe('reminder job ids', () => {
  const key = { roundId: '2b1c0e4e-7f7a-4f55-9a39-4bd7f1b9f0aa', unitId: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff', slot: 'before-3', generation: 0 };

  it('name the round, the unit, the slot and the generation', () => {
    expect(reminderJobId(key)).toBe(`remind.${key.roundId}.${key.unitId}.before-3.g0`);
  });

  it('never contain a colon, which BullMQ refuses in custom ids', () => {
    expect(reminderJobId({ ...key, slot: manualSlot(12), generation: 3 })).not.toContain(':');
  });

  it('change with the generation, so an extension plans new jobs beside the cancelled ones', () => {
    expect(reminderJobId({ ...key, generation: 1 })).not.toBe(reminderJobId(key));
  });
});

describe('reminderQueueJobId', () => {
  it('names one job per reminder row, short and without ":"', () => {
    expect(reminderQueueJobId('70001')).toBe('remind.70001');
    expect(reminderQueueJobId(70001)).toBe(reminderQueueJobId('70001'));
  });
});
