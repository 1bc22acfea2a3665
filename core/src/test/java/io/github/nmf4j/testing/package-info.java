/** Helpers shared by the tests: reading the scikit-learn and numpy reference fixtures. */
package io.github.nmf4j.testing;
