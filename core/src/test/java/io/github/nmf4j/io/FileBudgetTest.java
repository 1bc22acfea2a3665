package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FileBudgetTest {

  private final FileBudget budget = new FileBudget("f", 100);

  @Test
  void binaryDataMustFitAfterTheHeaderExactly() throws FileFormatException {
    budget.requireBinary(10, 8, 20, "shape (10,)");
    assertThatThrownBy(() -> budget.requireBinary(11, 8, 20, "shape (11,)"))
        .isInstanceOf(FileFormatException.class)
        .hasMessage("f: file is truncated: the header claims shape (11,), 11 values of 8 bytes"
            + " (88 bytes), but the data ends after 10 values (80 bytes after the 20-byte"
            + " header)");
    assertThatThrownBy(() -> budget.requireBinary(Long.MAX_VALUE, 8, 200, "x"))
        .hasMessageContaining("(more than 9 EB)").hasMessageContaining("after 0 values");
  }

  @Test
  void textValuesNeedTwoCharactersEachButTheLastNeedsNoSeparator()
      throws FileFormatException {
    budget.requireText(0, 2, 100, "nothing");
    budget.requireText(45, 2, 11, "a 45-value array"); // 89 characters left: 44 * 2 + 1
    assertThatThrownBy(() -> budget.requireText(45, 2, 12, "a 45-value array"))
        .hasMessage("f: a 45-value array, which needs at least 89 bytes, but only 88 bytes"
            + " follow");
    assertThatThrownBy(() -> budget.requireText(Long.MAX_VALUE, 6, 0, "x"))
        .isInstanceOf(FileFormatException.class);
  }

  @Test
  void shapesMustFitAJavaArray() throws FileFormatException {
    assertThat(budget.elements(46340, 46340, "s")).isEqualTo(46340 * 46340);
    assertThat(budget.elements(0, Long.MAX_VALUE, "s")).isZero();
    assertThatThrownBy(() -> budget.elements(65536, 32768, "s"))
        .hasMessage("f: s has 65536 x 32768 = 2147483648 elements; a Java array holds at most"
            + " 2147483639");
    assertThatThrownBy(() -> budget.elements(Long.MAX_VALUE, 3, "s"))
        .hasMessageContaining("= " + Long.MAX_VALUE + " elements");
    assertThatThrownBy(() -> budget.elements(-1, 3, "s")).hasMessage("f: s has a negative"
        + " dimension");
  }

  @Test
  void theHeapCheckComparesWithWhatJavaMayUse() throws IOException {
    budget.requireHeap(1000, "small");
    long tooMany = Runtime.getRuntime().maxMemory() / 8 + 1;
    assertThatThrownBy(() -> budget.requireHeap(tooMany, "a big claim"))
        .isInstanceOf(IOException.class).isNotInstanceOf(FileFormatException.class)
        .hasMessageStartingWith("f: a big claim needs ").hasMessageContaining("-Xmx");
  }

  @Test
  void byteCountsReadAsPeopleWriteThem() {
    assertThat(FileBudget.bytes(148)).isEqualTo("148 bytes");
    assertThat(FileBudget.bytes(9_999)).isEqualTo("9999 bytes");
    assertThat(FileBudget.bytes(20_000)).isEqualTo("20.0 kB");
    assertThat(FileBudget.bytes(3_200_000_000L)).isEqualTo("3.2 GB");
    assertThat(FileBudget.bytes(800_000_000L)).isEqualTo("800 MB");
  }
}
