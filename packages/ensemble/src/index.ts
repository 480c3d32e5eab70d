// @cgnas/ensemble public API (filled in by its issue).
export {};
