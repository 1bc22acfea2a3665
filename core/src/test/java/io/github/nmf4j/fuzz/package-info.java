/** Seeded fuzzing of the file readers, run in a forked JVM with a small heap. */
package io.github.nmf4j.fuzz;
