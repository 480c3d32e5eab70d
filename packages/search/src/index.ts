// @cgnas/search public API (filled in by its issue).
export {};
