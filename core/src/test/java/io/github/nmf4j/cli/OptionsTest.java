package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private final Options options = new Options()
      .positional("INPUT", "the input")
      .option("rank", "K", "the rank")
      .option("tol", "T", "tolerance")
      .option("seed", "S", "seed")
      .option("loss", "LOSS", "loss")
      .flag("gray", "gray");

  private Args parse(String... args) {
    return options.parse("fit", args, 0);
  }

  @Test
  void parsesValuesFlagsAndPositionals() {
    Args a = parse("x.npy", "--rank", "5", "--tol=1e-3", "--gray", "--seed", "-7");
    assertThat(a.positional(0)).isEqualTo("x.npy");
    assertThat(a.integer("rank", 1, 1)).isEqualTo(5);
    assertThat(a.number("tol", 0, 0)).isEqualTo(1e-3);
    assertThat(a.longValue("seed", 0)).isEqualTo(-7);
    assertThat(a.has("gray")).isTrue();
    assertThat(a.has("json")).isFalse();
    assertThat(a.integer("absent", 42, 1)).isEqualTo(42);
    assertThat(parse("--", "--odd-name.npy").positional(0)).isEqualTo("--odd-name.npy");
  }

  @Test
  void rejectsBadUsageWithAClearMessage() {
    assertThatThrownBy(() -> parse("x.npy", "--rnak", "5"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --rnak for 'fit'; see nmf4j fit --help");
    assertThatThrownBy(() -> parse("x.npy", "--rank"))
        .hasMessage("--rank needs a value (K)");
    assertThatThrownBy(() -> parse("x.npy", "--rank", "1", "--rank", "2"))
        .hasMessage("--rank is given twice (1, then 2); give it once");
    assertThatThrownBy(() -> parse("--rank", "2")).hasMessage("'fit' needs INPUT; see nmf4j fit --help");
    assertThatThrownBy(() -> parse("a", "b")).hasMessageContaining("unexpected argument 'b'");
    assertThatThrownBy(() -> parse("a", "--gray=yes")).hasMessage("--gray takes no value");
    assertThatThrownBy(() -> parse("a", "--rank", "five").integer("rank", 1, 1))
        .hasMessage("--rank must be an integer, was 'five'");
    assertThatThrownBy(() -> parse("a", "--rank", "0").integer("rank", 1, 1))
        .hasMessage("--rank must be >= 1, was 0");
  }

  /** An integer beyond the range of its option's type is too large, not "not an integer". */
  @Test
  void anIntegerOutOfRangeIsRefusedAsTooLargeOrTooSmall() {
    assertThatThrownBy(() -> parse("a", "--rank", "99999999999").integer("rank", 1, 1))
        .hasMessage("--rank must be <= 2147483647, was 99999999999");
    assertThatThrownBy(() -> parse("a", "--rank", "2147483648").integer("rank", 1, 1))
        .hasMessage("--rank must be <= 2147483647, was 2147483648");
    assertThat(parse("a", "--rank", "2147483647").integer("rank", 1, 1))
        .isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> parse("a", "--rank", "-99999999999").integer("rank", 1, 1))
        .hasMessage("--rank must be >= 1, was -99999999999");
    assertThatThrownBy(() -> parse("a", "--seed", "9223372036854775808").longValue("seed", 0))
        .hasMessage("--seed must be <= 9223372036854775807, was 9223372036854775808");
    assertThat(parse("a", "--seed", "-9223372036854775808").longValue("seed", 0))
        .isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> parse("a", "--rank", "99999999999.0").integer("rank", 1, 1))
        .hasMessage("--rank must be an integer, was '99999999999.0'");
    assertThatThrownBy(() -> parse("a", "--tol", "-1").number("tol", 0, 0))
        .hasMessage("--tol must be a finite number >= 0.0, was -1");
    assertThatThrownBy(() -> parse("a", "--tol", "NaN").number("tol", 0, 0))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> parse("a", "--loss", "l1").choice("loss",
        Map.of("frobenius", 1, "kl", 2), 1))
        .hasMessage("--loss must be one of frobenius, kl, was 'l1'");
    assertThat(parse("a", "--loss", "KL").choice("loss", Map.of("frobenius", 1, "kl", 2), 1))
        .isEqualTo(2);
  }

  /**
   * Numbers are decimal, as in the data files: Java's own spellings (hexadecimal {@code
   * 0x1p-3}, a type suffix {@code 1d}) are refused, and so is a number that rounds to 0, which
   * would silently change meaning ({@code --tol 0} runs every iteration).
   */
  @Test
  void numbersAreDecimalAndNeverSilentlyZero() {
    for (String bad : new String[] {"0x1p-3", "1d", "1f", "0X1P0", "1e", "--1"}) {
      assertThatThrownBy(() -> parse("a", "--tol", bad).number("tol", 0, 0)).as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessage("--tol must be a number, was '" + bad + "'");
    }
    assertThatThrownBy(() -> parse("a", "--tol", "1e-400").number("tol", 0, 0))
        .isInstanceOf(UsageException.class)
        .hasMessage("--tol 1e-400 is too close to 0 for a double: it would be read as 0");
    for (String good : new String[] {"1", "+1.5", "-0", ".5", "5.", "1E-3", "4.9e-324", "0e5",
        "0.000"}) {
      assertThat(parse("a", "--tol", good).number("tol", -2, -2)).as(good)
          .isEqualTo(Double.parseDouble(good));
    }
  }

  @Test
  void helpListsPositionalsAndEveryOption() {
    String help = options.help("fit", "Factors a matrix.");
    assertThat(help).startsWith("usage: nmf4j fit INPUT [options]\n\nFactors a matrix.\n")
        .contains("  INPUT ", "  --rank K ", "  --gray ", "  --json ", "  --help ");
    assertThat(parse("--help").has("help")).isTrue();
  }
}
