// Event contracts of the governance context; each file defines its events with defineEvent().
export {};
