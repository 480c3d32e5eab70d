// @cgnas/cg-core public API (filled in by its issue).
export {};
