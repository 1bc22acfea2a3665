/**
 * Internal: the deterministic parallel execution layer. Not exported by the module; may change
 * in any release.
 */
package io.github.nmf4j.internal;
