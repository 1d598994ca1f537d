// The places a venue offers at once (P7, decision 0028): slots whose times overlap share the
// venue's capacity, so at no instant may the slots running together offer (or have promised)
// more places than the venue holds. Pure: the service calls these under the venue's row lock.

/** A slot's span and places: `capacity` offered, `booked` promised (active bookings). Times are instants. */
export type SlotSpan = { id?: number; starts_at: Date; ends_at: Date; capacity: number; booked: number };

/**
 * The most places `slots` offer together at any instant of [from, to) (`of`: 'capacity' offered,
 * 'booked' promised); 0 when none runs then. Slots are half-open [starts_at, ends_at): one ending
 * at 10:00 and one starting at 10:00 never run together. The peak falls at `from` or at a slot's
 * start inside the span, so only those instants are summed.
 */
export function peakLoad(slots: readonly SlotSpan[], from: Date, to: Date, of: 'capacity' | 'booked' = 'capacity'): number {
  const instants = [from.getTime(), ...slots.map((s) => s.starts_at.getTime()).filter((t) => t > from.getTime() && t < to.getTime())];
  let peak = 0;
  for (const t of instants) {
    let sum = 0;
    for (const s of slots) if (s.starts_at.getTime() <= t && t < s.ends_at.getTime()) sum += s[of];
    peak = Math.max(peak, sum);
  }
  return peak;
}

/** The most places `slots` have promised (booked) together at any instant, and the first slot start where that happens (null when none). */
export function promisedPeak(slots: readonly SlotSpan[]): { booked: number; at: Date | null } {
  let best = { booked: 0, at: null as Date | null };
  for (const s of slots) {
    const n = peakLoad(slots, s.starts_at, new Date(s.starts_at.getTime() + 1), 'booked');
    if (n > best.booked) best = { booked: n, at: s.starts_at };
  }
  return best;
}

/**
 * The capacities `slots` keep when their venue's capacity becomes `capacity`: only places nobody
 * booked are withdrawn. Every slot first keeps its bookings, then, in order of start, gets back as
 * many of its former places as fit under `capacity` at every instant it runs. Requires
 * promisedPeak(slots).booked <= capacity (the caller refuses the change otherwise); never raises a
 * slot. Returns the new capacity of each slot, in the order given.
 */
export function trimSlots(slots: readonly SlotSpan[], capacity: number): number[] {
  const work = slots.map((s) => ({ ...s, capacity: s.booked }));
  const order = [...work.keys()].sort((a, b) => (work[a] as SlotSpan).starts_at.getTime() - (work[b] as SlotSpan).starts_at.getTime());
  for (const i of order) {
    const s = work[i] as SlotSpan;
    const room = capacity - peakLoad(work, s.starts_at, s.ends_at);
    s.capacity += Math.max(0, Math.min((slots[i] as SlotSpan).capacity - s.booked, room));
  }
  return work.map((s) => s.capacity);
}
