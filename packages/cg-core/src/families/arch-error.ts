// Error of the family builders: an architecture encoding (NB-201 string, NB-101 matrix/ops, DARTS genotype)
// is malformed or outside its search space. Tests check the class; messages say what a valid one looks like.

/** An architecture does not parse or is not a member of its family's search space. */
export class ArchError extends Error {
  override readonly name = 'ArchError';
}
