// Event contracts of the enterprise context; each file defines its events with defineEvent().
export {};
