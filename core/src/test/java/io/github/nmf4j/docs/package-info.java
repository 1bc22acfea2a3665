/** Tests of the user guide: every Java sample in docs/ compiles and runs. */
package io.github.nmf4j.docs;
