/**
 * Internal: the deterministic parallel execution layer, small file helpers, and the pieces
 * several public packages share (argument checks, progress reports, the mini-batch stopping
 * rule, the distinct-row count k-means needs). Not exported by the module; may change in any
 * release.
 */
package io.github.nmf4j.internal;
