/** The command line: {@code java -jar nmf4j-core.jar COMMAND [options]}. */
package io.github.nmf4j.cli;
