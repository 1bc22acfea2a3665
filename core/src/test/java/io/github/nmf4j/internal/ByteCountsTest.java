package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteCountsTest {

  @Test
  void smallCountsAreWholeBytesAndOneIsSingular() {
    assertThat(ByteCounts.of(1)).isEqualTo("1 byte");
    assertThat(ByteCounts.of(0.5)).isEqualTo("1 byte");
    assertThat(ByteCounts.of(148)).isEqualTo("148 bytes");
    assertThat(ByteCounts.of(20_000)).isEqualTo("20.0 kB");
  }
}
