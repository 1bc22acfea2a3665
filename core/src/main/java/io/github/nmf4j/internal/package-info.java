/**
 * Internal: the deterministic parallel execution layer and small file helpers. Not exported by
 * the module; may change in any release.
 */
package io.github.nmf4j.internal;
