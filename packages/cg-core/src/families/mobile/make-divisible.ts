// Channel rounding of the MobileNet/OFA code bases (tensorflow/models `_make_divisible`, OFA
// `ofa.utils.make_divisible`): nearest multiple of `divisor`, never below `divisor`, never under 90 % of v.

export function makeDivisible(v: number, divisor = 8, minValue = divisor): number {
  let next = Math.max(minValue, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (next < 0.9 * v) next += divisor;
  return next;
}

/** Python 3 `round` (banker's rounding), which OFA uses for expanded channel counts. */
export function pyRound(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
