/**
 * Preloaded into an app process a suite starts (`NODE_OPTIONS=--require …`): its clock runs
 * TEST_CLOCK_SHIFT_MS ahead, so its scheduled sweeps see deadlines pass that a suite cannot wait
 * for (a case's time limit is at least an hour). Only the suites use it; the apps know nothing of it.
 * Tokens other processes sign look expired to a process shifted past their lifetime: a suite
 * calls such a process through the gateway only once it is started again without the shift.
 */
const shift = Number(process.env.TEST_CLOCK_SHIFT_MS ?? 0);
if (shift) {
  const RealDate = Date;
  // A function, not a subclass: `Date()` called without `new` (a string) keeps working, and what
  // `new Date()` gives is a real Date (instanceof, prototype and all).
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + shift).toString();
    return args.length === 0 ? new RealDate(RealDate.now() + shift) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  // Libraries tell types by name (mongoose's schema types): it is still `Date` to them.
  Object.defineProperty(ShiftedDate, 'name', { value: 'Date' });
  ShiftedDate.now = () => RealDate.now() + shift;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
}
