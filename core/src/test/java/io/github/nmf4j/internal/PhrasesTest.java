package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhrasesTest {

  @Test
  void aCountOfOneIsSingular() {
    assertThat(Phrases.count(1, "value")).isEqualTo("1 value");
    assertThat(Phrases.count(0, "value")).isEqualTo("0 values");
    assertThat(Phrases.count(3, "value")).isEqualTo("3 values");
    assertThat(Phrases.count(1, "entry", "entries")).isEqualTo("1 entry");
    assertThat(Phrases.count(2, "entry", "entries")).isEqualTo("2 entries");
  }

  @Test
  void anImageSizeIsHeightFirstAndSaysSo() {
    assertThat(Phrases.imageSize(30, 40)).isEqualTo("30 x 40 pixels (height x width)");
  }
}
