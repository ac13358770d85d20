// Event contracts of the activities context; each file defines its events with defineEvent().
export {};
