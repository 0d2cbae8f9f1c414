/**
 * Seeded property tests without a framework: a {@link dev.lockscope.testing.Gen} builds a value from a
 * {@link dev.lockscope.testing.Source} of recorded choices, {@link dev.lockscope.testing.Property} runs a check on
 * the value of every {@linkplain dev.lockscope.testing.Seeds seed}, and a failing value is shrunk by replaying
 * smaller choices before it is reported with its seed.
 *
 * <p>Shrinking works on the recorded choices, not on the values, so a generator written as plain code (records,
 * nested lists, scenarios) shrinks without a shrinker of its own.
 */
package dev.lockscope.testing;
