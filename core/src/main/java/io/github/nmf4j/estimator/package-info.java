/**
 * The shape every estimator shares: {@link io.github.nmf4j.estimator.Estimator} (its settings
 * record, executor and listener), {@link io.github.nmf4j.estimator.EstimatorBuilder} (threads,
 * executor and progress listener, set the same way on every builder) and the one progress type,
 * {@link io.github.nmf4j.estimator.Progress}, that every fit reports to a {@link
 * io.github.nmf4j.estimator.ProgressListener} and through which any fit can be cancelled.
 *
 * <p>Every estimator follows the same pattern: {@code X.builder()...build()} gives an immutable,
 * reusable estimator; {@code toBuilder()} derives a changed copy; {@code fit} returns an
 * immutable model whose {@code settings()} is a record of the values that determined it (never
 * the executor or the listener). This package depends on nothing else in the library.
 */
package io.github.nmf4j.estimator;
