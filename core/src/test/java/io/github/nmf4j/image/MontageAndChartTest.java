package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MontageAndChartTest {

  @Test
  void gridPlacesScaledTilesWithGaps() {
    Matrix a = Matrix.of(new double[][] {{0, 1}, {0.5, 0}});
    Matrix b = Matrix.of(new double[][] {{2, 0}, {0, 4}});
    BufferedImage img = Montage.grid(List.of(a, b, a), 2, 3, true);
    int gap = 3;
    assertThat(img.getWidth()).isEqualTo(2 * 2 * 3 + 3 * gap);
    assertThat(img.getHeight()).isEqualTo(2 * 2 * 3 + 3 * gap);
    // tile 0, pixel (0, 1) = 1 -> white; normalized tile 1 pixel (0, 0) = 2/4 -> 128
    assertThat(img.getRGB(gap + 3 + 2, gap + 1) & 0xff).isEqualTo(255);
    assertThat(img.getRGB(gap + 6 + gap, gap) & 0xff).isEqualTo(128);
    assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0x808080);
    assertThatThrownBy(() -> Montage.grid(List.of(a, Matrix.zeros(3, 3)), 2, 1, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tile 1 is 3x3");
    assertThatThrownBy(() -> Montage.grid(List.of(), 2, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gridRefusesNullOrEmptyTilesAndSizesBeyondAnInt() {
    Matrix a = Matrix.of(new double[][] {{0, 1}});
    assertThatThrownBy(() -> Montage.grid(java.util.Arrays.asList(a, null), 2, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tile 1 must have at least one pixel, was null");
    assertThatThrownBy(() -> Montage.grid(List.of(Matrix.zeros(0, 3)), 1, 1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tile 0 must have at least one pixel, was 0x3");
    // 4096 pixels at scale 2^20 is 2^32 pixels wide: an int wraps round to 2^21
    assertThatThrownBy(() -> Montage.grid(List.of(Matrix.zeros(1, 4096)), 1, 1 << 20, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would be 4297064448 pixels wide");
  }

  @Test
  void chartDrawsSeriesInsideItsAxes() {
    double[] x = {0, 10, 20, 30};
    double[] y = {1, 0.1, 0.05, 0.04};
    BufferedImage img = new LineChart("loss", "iteration", "error").logY(true)
        .series("a", x, y).series("b", x, new double[] {2, 1, 0.5, 0.2}).draw(400, 300);
    assertThat(img.getWidth()).isEqualTo(400);
    int coloured = 0;
    for (int px = 0; px < 400; px++) {
      for (int py = 0; py < 300; py++) {
        int rgb = img.getRGB(px, py) & 0xffffff;
        int r = rgb >> 16;
        int b = rgb & 0xff;
        if (b > r + 60) {
          coloured++;
        }
      }
    }
    assertThat(coloured).as("pixels of the blue series").isGreaterThan(100);
    assertThatThrownBy(() -> new LineChart("t", "x", "y").logY(true)
        .series("s", new double[] {1}, new double[] {0}).draw(400, 300))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y > 0");
    assertThatThrownBy(() -> new LineChart("t", "x", "y").draw(400, 300))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LineChart("t", "x", "y")
        .series("s", new double[] {1}, new double[] {1}).draw(300, 100))
        .hasMessage("width must be at least 200 and height at least 150, were 300 and 100");
    assertThatThrownBy(() -> new LineChart("t", "x", "y")
        .series("s", new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorBarsAreDrawnAndWidenTheAxis() {
    double[] x = {1, 2, 3};
    double[] y = {1, 1.2, 1};
    double[] e = {0.5, 0.1, 0.5};
    assertThat(tallestBlueColumn(new LineChart("t", "x", "y").series("s", x, y)
        .draw(400, 300))).isLessThan(30);
    assertThat(tallestBlueColumn(new LineChart("t", "x", "y").series("s", x, y, e)
        .draw(400, 300))).isGreaterThan(80);
    // on a log axis a bar reaching below 0 is cut at the point
    assertThat(tallestBlueColumn(new LineChart("t", "x", "y").logY(true)
        .series("s", x, y, new double[] {2, 0, 0}).draw(400, 300))).isGreaterThan(30);
    assertThatThrownBy(() -> new LineChart("t", "x", "y").series("s", x, y,
        new double[] {0, -1, 0})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error bar 1").hasMessageContaining("-1");
    assertThatThrownBy(() -> new LineChart("t", "x", "y").series("s", x, y, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
  }

  /** The most pixels of the first series' blue in one column. */
  private static int tallestBlueColumn(BufferedImage img) {
    int tallest = 0;
    for (int px = 0; px < img.getWidth(); px++) {
      int count = 0;
      for (int py = 0; py < img.getHeight(); py++) {
        int rgb = img.getRGB(px, py) & 0xffffff;
        if ((rgb & 0xff) > (rgb >> 16) + 60) {
          count++;
        }
      }
      tallest = Math.max(tallest, count);
    }
    return tallest;
  }

  @Test
  void ticksAreNiceAndCoverTheRange() {
    Ticks t = Ticks.linear(3, 187);
    assertThat(t.values()).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0);
    assertThat(t.label(150)).isEqualTo("150");
    Ticks s = Ticks.linear(0.12, 0.61);
    assertThat(s.lo()).isLessThanOrEqualTo(0.12);
    assertThat(s.hi()).isGreaterThanOrEqualTo(0.61);
    assertThat(s.label(0.2)).isEqualTo("0.2");
    Ticks flat = Ticks.linear(5, 5);
    assertThat(flat.lo()).isLessThan(5);
    assertThat(flat.hi()).isGreaterThan(5);
    Ticks log = Ticks.logarithmic(-2.3, 0.2);
    assertThat(log.values()).containsExactly(-3.0, -2.0, -1.0, 0.0, 1.0);
    assertThat(log.label(-2)).isEqualTo("0.01");
    assertThat(log.label(-7)).isEqualTo("1e-7");
    // a third of a decade or less: ticks of the data's own range, not 1 .. 100
    Ticks narrow = Ticks.logarithmic(Math.log10(9.96), Math.log10(11.32));
    assertThat(narrow.values()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(narrow.lo()).isLessThanOrEqualTo(Math.log10(9.96)).isGreaterThan(0.9);
    assertThat(narrow.hi()).isGreaterThanOrEqualTo(Math.log10(11.32)).isLessThan(1.1);
    assertThat(narrow.values().stream().map(narrow::label))
        .containsExactly("9.8", "10", "10.2", "10.4", "10.6", "10.8", "11", "11.2", "11.4");
    Ticks tiny = Ticks.logarithmic(Math.log10(2.1e-7), Math.log10(2.9e-7));
    assertThat(tiny.values().stream().map(tiny::label))
        .containsExactly("2.0e-07", "2.2e-07", "2.4e-07", "2.6e-07", "2.8e-07", "3.0e-07");
    // equal values get a range around them
    Ticks flatLog = Ticks.logarithmic(1, 1);
    assertThat(flatLog.lo()).isLessThan(1);
    assertThat(flatLog.hi()).isGreaterThan(1);
    // a wide range keeps its decades
    assertThat(Ticks.logarithmic(-3.4, -0.9).values())
        .containsExactly(-4.0, -3.0, -2.0, -1.0, 0.0);
  }
}
